import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parse } from 'yaml';
import { GATE_SCHEMA } from '../src/gate-schema.js';
import { validateSchema } from '../src/schema-validator.js';

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', '..', '..');
// ajv 6 is in node_modules (through eslint): an independent validator to hold ours and the published schema to.
const Ajv = createRequire(import.meta.url)('ajv') as new (o: object) => {
  compile(s: object): ((d: unknown) => boolean) & { errors?: unknown[] };
};

describe('the published gate schema', () => {
  it('is docs/gate.schema.json exactly', () => {
    expect(JSON.parse(readFileSync(join(root, 'docs/gate.schema.json'), 'utf8'))).toEqual(GATE_SCHEMA);
  });

  const validate = new Ajv({ allErrors: true }).compile(GATE_SCHEMA);
  const cases: [string, unknown][] = [
    ['the reference admission gate', parse(readFileSync(join(root, 'workflows-examples/gates/admission.yml'), 'utf8'))],
    ['a prometheus canary', { checks: [{ id: 'acc', source: 'prometheus', query: 'up', op: '>=', compare: 'baseline', tolerance: '5%' }] }],
    ['an unknown statistic', { checks: [{ id: 'a', source: 'cloudwatch', namespace: 'N', metric: 'M', stat: 'p999', op: '<', fail: 1 }] }],
    ['no threshold', { checks: [{ id: 'a', source: 'cloudwatch', namespace: 'N', metric: 'M', stat: 'Sum', op: '<' }] }],
    ['compare without tolerance', { checks: [{ id: 'a', source: 'prometheus', query: 'up', op: '<', compare: 'baseline' }] }],
    ['no query', { checks: [{ id: 'a', source: 'cloudwatch', op: '<', fail: 1 }] }],
    ['an unknown field', { checks: [{ id: 'a', source: 'prometheus', query: 'up', op: '<', fail: 1, thresold: 2 }] }],
    ['a bad window', { window: '1 day', checks: [{ id: 'a', source: 'prometheus', query: 'up', op: '<', fail: 1 }] }],
    ['empty checks', { checks: [] }],
  ];
  it.each(cases)('judges %s as ajv does', (_name, doc) => {
    expect(validateSchema(GATE_SCHEMA, doc).length === 0).toBe(validate(doc));
  });
});
