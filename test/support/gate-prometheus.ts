import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PROMETHEUS = process.env.GATE_PROMETHEUS ?? '/usr/bin/prometheus';

/** Gauges the exporter serves: labels -> value. */
export type Gauges = Record<string, number>;

export interface TestPrometheus {
  readonly url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

/**
 * A real Prometheus on loopback scraping a tiny exporter every second. The exporter stamps its samples
 * `lagMs` in the past (honored timestamps), so data exists before a gate's publication delay within seconds.
 */
export async function startPrometheus(metric: string, gauges: Gauges, lagMs = 5 * 60_000): Promise<TestPrometheus> {
  const exporter: Server = createServer((_req, res) => {
    const t = Date.now() - lagMs;
    const lines = Object.entries(gauges).map(([labels, v]) => `${metric}{${labels}} ${v} ${t}`);
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(`# TYPE ${metric} gauge\n${lines.join('\n')}\n`);
  });
  await new Promise<void>((r) => exporter.listen(0, '127.0.0.1', r));
  const exporterPort = (exporter.address() as AddressInfo).port;
  const dir = mkdtempSync(join(tmpdir(), 'gate-prom-'));
  const config = join(dir, 'prometheus.yml');
  writeFileSync(
    config,
    `global: { scrape_interval: 1s, evaluation_interval: 1m }\nscrape_configs:\n  - job_name: model\n    static_configs: [{ targets: ['127.0.0.1:${exporterPort}'] }]\n`,
  );
  const port = await freePort();
  const child: ChildProcess = spawn(
    PROMETHEUS,
    [`--config.file=${config}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
    { stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 5000)))]);
      clearTimeout(timer);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    exporter.closeAllConnections();
    await new Promise((r) => exporter.close(r));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // Ready, and at least 3 scrapes of every series stored.
    const want = Object.keys(gauges).length;
    for (let i = 0; ; i++) {
      if (i > 300) throw new Error('Prometheus did not start scraping within 30 s');
      await new Promise((r) => setTimeout(r, 100));
      const q = encodeURIComponent(`count_over_time(${metric}[15m]) >= 3`);
      const body = await fetch(`${url}/api/v1/query?query=${q}`)
        .then((r) => r.json() as Promise<{ data?: { result?: unknown[] } }>)
        .catch(() => undefined);
      if ((body?.data?.result?.length ?? 0) >= want) break;
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}
