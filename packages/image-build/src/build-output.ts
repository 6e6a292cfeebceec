/**
 * Reads docker's build and push output as it streams: the steps, which came from the cache, which failed, and
 * how many layers the registry already had. Understands the classic builder ("Step 2/5 : ...", "Using cache")
 * and buildx's plain progress ("#5 [2/4] COPY ...", "#5 CACHED", "#5 ERROR: ...").
 */
export interface BuildStats {
  readonly steps: number;
  readonly cached: number;
  /** The step that failed, as the Dockerfile says it. */
  readonly failedStep: string | undefined;
  /** buildx said the cache export failed (ignored by `ignore-error=true`). */
  readonly cacheExportError: string | undefined;
  readonly layersPushed: number;
  readonly layersExisting: number;
}

export class BuildOutput {
  private readonly classicSteps: { text: string; cached: boolean }[] = [];
  private readonly vertices = new Map<string, string>();
  private readonly cachedVertices = new Set<string>();
  private failedVertex: string | undefined;
  private cacheExportError: string | undefined;
  private readonly pushed = new Set<string>();
  private readonly existing = new Set<string>();

  feed(line: string): void {
    const classic = /^Step \d+\/\d+ : (.*)$/.exec(line);
    if (classic) {
      this.classicSteps.push({ text: classic[1]!, cached: false });
      return;
    }
    if (/^\s*---> Using cache$/.test(line)) {
      const last = this.classicSteps.at(-1);
      if (last) last.cached = true;
      return;
    }
    const vertex = /^#(\d+) \[([^\]]*\d+\/\d+)\] (.*)$/.exec(line);
    if (vertex) {
      this.vertices.set(vertex[1]!, `[${vertex[2]!}] ${vertex[3]!}`);
      return;
    }
    const cached = /^#(\d+) CACHED$/.exec(line);
    if (cached && this.vertices.has(cached[1]!)) {
      this.cachedVertices.add(cached[1]!);
      return;
    }
    const error = /^#(\d+) ERROR: (.*)$/.exec(line);
    if (error && this.vertices.has(error[1]!)) this.failedVertex ??= error[1]!;
    if (/(error|failed) (exporting|to export|writing) cache|cache export.*(error|failed)/i.test(line))
      this.cacheExportError ??= line.trim();
    const layer = /^([a-f0-9]{12}): (Pushed|Layer already exists)$/.exec(line.trim());
    if (layer) (layer[2] === 'Pushed' ? this.pushed : this.existing).add(layer[1]!);
  }

  /** `labelSteps`: how many `--label`s the classic builder appended as steps of their own (not the Dockerfile's). */
  constructor(private readonly labelSteps = 0) {}

  stats(): BuildStats {
    const buildx = this.vertices.size > 0;
    const own = this.classicSteps.slice(0, Math.max(0, this.classicSteps.length - this.labelSteps)).filter((s) => !/^FROM /i.test(s.text));
    return {
      steps: buildx ? this.vertices.size : own.length,
      cached: buildx ? this.cachedVertices.size : own.filter((s) => s.cached).length,
      failedStep: buildx
        ? this.failedVertex && this.vertices.get(this.failedVertex)
        : this.classicSteps.length > 0
          ? `Step ${this.classicSteps.length}: ${this.classicSteps.at(-1)!.text}`
          : undefined,
      cacheExportError: this.cacheExportError,
      layersPushed: this.pushed.size,
      layersExisting: this.existing.size,
    };
  }
}
