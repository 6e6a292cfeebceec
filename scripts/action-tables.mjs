// Writes the inputs/outputs tables of every action.yml into README.md between the action-tables markers, so the
// README cannot drift from the contracts. `--check` changes nothing and exits 1 when README.md differs;
// `--readme <path>` works on another file (the test uses a copy).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const START = '<!-- action-tables:start -->';
export const END = '<!-- action-tables:end -->';
const OWNER_REPO = 'mlops-actions/mlops-actions';
// The order a pipeline meets them; any other action follows alphabetically.
const ORDER = ['build-push-ecr', 'export-mlflow-model', 'deploy-endpoint', 'check-gate', 'promote', 'rollback'];

/** Action folders relative to the root: '.' (the root action, when present) first, then actions/<name>. */
export function actionFolders(base = root) {
  const names = readdirSync(join(base, 'actions')).filter((n) => existsSync(join(base, 'actions', n, 'action.yml')));
  const rank = (n) => (ORDER.includes(n) ? ORDER.indexOf(n) : ORDER.length);
  names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return [...(existsSync(join(base, 'action.yml')) ? ['.'] : []), ...names.map((n) => `actions/${n}`)];
}

// Table cells: one line, pipes escaped, and angle brackets as entities so `<registry>` is not read as an HTML tag.
const cell = (text) =>
  String(text ?? '')
    .replace(/\s*\n\s*/g, ' ')
    .trim()
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|');
const code = (text) => (text === undefined || text === '' ? '' : `\`${String(text).replace(/\|/g, '\\|')}\``);

/** The Markdown for one action folder. */
export function actionSection(folder, base = root) {
  const yml = parse(readFileSync(join(base, folder, 'action.yml'), 'utf8'));
  const name = folder === '.' ? 'mlops-actions (root action)' : folder.replace(/^actions\//, '');
  const uses = folder === '.' ? `${OWNER_REPO}@v1` : `${OWNER_REPO}/${folder}@v1`;
  const lines = [
    `### ${name}`,
    '',
    cell(yml.description),
    '',
    `\`uses: ${uses}\` — [action.yml](${folder === '.' ? '' : `${folder}/`}action.yml)`,
    '',
  ];
  const inputs = Object.entries(yml.inputs ?? {});
  lines.push('| input | required | default | description |', '|---|---|---|---|');
  for (const [input, spec] of inputs) {
    lines.push(`| \`${input}\` | ${spec?.required === true ? 'yes' : 'no'} | ${code(spec?.default)} | ${cell(spec?.description)} |`);
  }
  if (inputs.length === 0) lines.push('| _none_ | | | |');
  lines.push('', '| output | description |', '|---|---|');
  const outputs = Object.entries(yml.outputs ?? {});
  for (const [output, spec] of outputs) lines.push(`| \`${output}\` | ${cell(spec?.description)} |`);
  if (outputs.length === 0) lines.push('| _none_ | |');
  return lines.join('\n');
}

/** Everything between (and including) the markers. */
export function tablesBlock(base = root) {
  const note = '<!-- Generated from the action.yml files by `node scripts/action-tables.mjs`: edit those, then run it. -->';
  return [START, note, '', ...actionFolders(base).map((f) => `${actionSection(f, base)}\n`), END].join('\n');
}

/** README text with the block replaced (or appended at the end when the markers are absent). */
export function withTables(readme, block) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 && end < 0) return `${readme.replace(/\n*$/, '')}\n\n${block}\n`;
  if (start < 0 || end < start) throw new Error(`README: markers ${START} and ${END} must both be present, in that order`);
  return readme.slice(0, start) + block + readme.slice(end + END.length);
}

function main(argv) {
  const check = argv.includes('--check');
  const at = argv.indexOf('--readme');
  const readmePath = at >= 0 && argv[at + 1] !== undefined ? resolve(argv[at + 1]) : join(root, 'README.md');
  const current = readFileSync(readmePath, 'utf8');
  const next = withTables(current, tablesBlock());
  if (current === next) {
    console.log(`${readmePath}: action tables are current`);
    return 0;
  }
  if (check) {
    console.error(
      `${readmePath}: action tables differ from the action.yml files: run 'node scripts/action-tables.mjs' and commit README.md`,
    );
    return 1;
  }
  writeFileSync(readmePath, next);
  console.log(`${readmePath}: action tables written`);
  return 0;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
  }
}
