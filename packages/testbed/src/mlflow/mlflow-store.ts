// In-memory state of the simulated server, persisted as JSON when a persist dir is given.
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ArtifactStore } from './artifact-store.js';
import { emptyState, type MlflowState, type ModelVersionRecord } from './mlflow-types.js';

export interface MlflowStoreOptions {
  persistDir?: string;
  /** Delay before a new model version turns from PENDING_REGISTRATION to READY. */
  readyDelayMs: number;
}

const STATE_FILE = 'mlflow-state.json';

export class MlflowStore {
  state: MlflowState;
  readonly artifacts: ArtifactStore;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly stateFile: string | undefined;
  private readonly tempDir: string | undefined;
  private lastTimestamp = 0;

  constructor(private readonly options: MlflowStoreOptions) {
    if (options.persistDir) {
      mkdirSync(path.join(options.persistDir, 'artifacts'), { recursive: true });
      this.stateFile = path.join(options.persistDir, STATE_FILE);
      this.artifacts = new ArtifactStore(path.resolve(options.persistDir, 'artifacts'));
      this.state = this.load() ?? emptyState(this.now());
    } else {
      this.tempDir = mkdtempSync(path.join(os.tmpdir(), 'mlflow-sim-'));
      this.artifacts = new ArtifactStore(path.resolve(this.tempDir));
      this.state = emptyState(this.now());
    }
    for (const model of Object.values(this.state.registered_models)) {
      for (const version of model.versions) if (version.status === 'PENDING_REGISTRATION') this.scheduleReady(version);
    }
  }

  /** Epoch milliseconds, strictly increasing so orderings by time are stable. */
  now(): number {
    const t = Math.max(Date.now(), this.lastTimestamp + 1);
    this.lastTimestamp = t;
    return t;
  }

  private load(): MlflowState | undefined {
    if (!this.stateFile) return undefined;
    try {
      return JSON.parse(readFileSync(this.stateFile, 'utf8')) as MlflowState;
    } catch {
      return undefined;
    }
  }

  /** Write the state (atomically) when persisting; a no-op otherwise. */
  save(): void {
    if (!this.stateFile) return;
    const tmp = `${this.stateFile}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.state, null, 2));
    renameSync(tmp, this.stateFile);
  }

  /** Turn `version` READY after the configured delay. */
  scheduleReady(version: ModelVersionRecord): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const model = this.state.registered_models[version.name];
      const current = model?.versions.find((v) => v.version === version.version);
      if (current?.status === 'PENDING_REGISTRATION') {
        current.status = 'READY';
        this.save();
      }
    }, this.options.readyDelayMs);
    timer.unref();
    this.timers.add(timer);
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    if (this.tempDir) rmSync(this.tempDir, { recursive: true, force: true });
  }
}
