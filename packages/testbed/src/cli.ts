/**
 * npm run world -- --env-file <path> [--time-scale <factor>] [--docker] [--mlflow-dir <dir>]
 * Starts the local world, writes its environment to <path> once every service answers, and stays in the
 * foreground until SIGINT/SIGTERM, when it stops everything it started.
 */
import { startWorld, writeEnvFile } from './world.js';

// bin/world.sh passes the flags in WORLD_ARGV, one per line (Node 20 would take --env-file for itself).
const args = process.env.WORLD_ARGV !== undefined ? process.env.WORLD_ARGV.split('\n').filter((a) => a !== '') : process.argv.slice(2);

function flag(name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

const envFile = flag('env-file');
const timeScale = flag('time-scale');
if (timeScale !== undefined && !(Number(timeScale) >= 0)) {
  console.error(`world: --time-scale = ${JSON.stringify(timeScale)}: must be a number >= 0`);
  process.exit(2);
}
const started = Date.now();
const mlflowDir = flag('mlflow-dir');
const world = await startWorld({
  timeScale: timeScale === undefined ? 1 : Number(timeScale),
  docker: args.includes('--docker'),
  mlflow: mlflowDir ? { persistDir: mlflowDir } : true,
});
if (envFile) writeEnvFile(envFile, world.env);
console.log(`world: up in ${Date.now() - started} ms${envFile ? `, environment in ${envFile}` : ''}`);
for (const [k, v] of Object.entries(world.env)) if (!k.includes('SECRET')) console.log(`  ${k}=${v}`);
if (world.dockerUnavailable) console.log(`  (no Docker engine: ${world.dockerUnavailable})`);

let stopping = false;
const stop = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  console.log(`world: ${signal}, stopping`);
  world.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
