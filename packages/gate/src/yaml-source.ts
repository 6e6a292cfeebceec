import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { JsonPath } from './schema-validator.js';

/** A YAML text parsed with positions, so every error can name the file, the line and the field. */
export class YamlSource {
  private readonly lines = new LineCounter();
  private readonly doc: Document;
  readonly value: unknown;
  /** Syntax errors, already located ("line 3, column 7: ..."). */
  readonly syntaxErrors: string[];

  constructor(
    readonly origin: string,
    text: string,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    this.syntaxErrors = this.doc.errors.map((e) => `${this.position(e.pos[0])}: ${e.message.split('\n')[0]}`);
    this.value = this.syntaxErrors.length === 0 ? this.doc.toJS({ maxAliasCount: 100 }) : undefined;
  }

  private position(offset: number): string {
    const { line, col } = this.lines.linePos(offset);
    return `line ${line}, column ${col}`;
  }

  /** The line (1-based) of the value at `path`, or of its key, or of the nearest parent that exists. */
  line(path: JsonPath, atKey = false): number {
    return this.lines.linePos(this.offset(path, atKey)).line;
  }

  /** "line 12, column 5" for the value at `path` (its key when `atKey`). */
  where(path: JsonPath, atKey = false): string {
    return this.position(this.offset(path, atKey));
  }

  private offset(path: JsonPath, atKey: boolean): number {
    for (let n = path.length; n >= 0; n--) {
      const at = path.slice(0, n);
      if (atKey && n === path.length && n > 0) {
        const parent = this.doc.getIn(at.slice(0, -1), true);
        const key = at.at(-1);
        const pair = isMap(parent) ? parent.items.find((p) => isScalar(p.key) && p.key.value === key) : undefined;
        const range = isScalar(pair?.key) ? pair.key.range : undefined;
        if (range) return range[0];
        continue;
      }
      const node = n === 0 ? this.doc.contents : this.doc.getIn(at, true);
      const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
      if (range) return range[0];
    }
    return 0;
  }
}

/** `checks[2].stat`, from a path. */
export function fieldName(path: JsonPath): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s === '' ? p : `${s}.${p}`), '') || '(document)';
}
