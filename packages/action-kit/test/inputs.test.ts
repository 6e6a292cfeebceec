import { boolean, decimal, integer, keyValues, list, matching, oneOf, s3Url } from '../src/kinds.js';
import { InputErrors, optional, readInputs, required, withDefault } from '../src/inputs.js';
import { MemoryIO } from '../src/memory-io.js';
import { runAction } from '../src/run-action.js';
import { ActionFailure } from '../src/input-error.js';

const schema = {
  name: required(matching(/^[a-z]+$/, 'must be lowercase letters')),
  count: withDefault(integer(1, 5), '2'),
  ratio: optional(decimal(0, 1)),
  mode: withDefault(oneOf(['fast', 'safe'] as const), 'safe'),
  flag: withDefault(boolean(), 'false'),
  tags: optional(list()),
  env: optional(keyValues()),
  where: optional(s3Url(true)),
  token: optional(matching(/^t-/, 'must start with t-'), { secret: true }),
} as const;

const from = (values: Record<string, string>) => (name: string) => values[name];

describe('readInputs', () => {
  it('reads typed values and applies defaults', () => {
    const inputs = readInputs(
      schema,
      from({ name: 'abc', ratio: '0.5', mode: 'FAST', tags: 'a, b\nc', env: 'A=1\nB=x=y', where: 's3://my-bucket/models' }),
    );
    expect(inputs).toEqual({
      name: 'abc',
      count: 2,
      ratio: 0.5,
      mode: 'fast',
      flag: false,
      tags: ['a', 'b', 'c'],
      env: { A: '1', B: 'x=y' },
      where: { bucket: 'my-bucket', key: 'models/' },
      token: undefined,
    });
  });

  it('names every bad input, its value and the expectation, one line each', () => {
    expect(() => readInputs(schema, from({ name: 'ABC', count: '9', flag: 'yes' }))).toThrow(
      new InputErrors([]).constructor as typeof InputErrors,
    );
    try {
      readInputs(schema, from({ name: 'ABC', count: '9', flag: 'yes', where: 'http://x' }));
    } catch (e) {
      expect((e as Error).message.split('\n')).toEqual([
        `input 'name' = "ABC": must be lowercase letters`,
        `input 'count' = "9": must be a whole number between 1 and 5`,
        `input 'flag' = "yes": must be true or false`,
        `input 'where' = "http://x": must be s3://<bucket>/<prefix>/ (a bucket of 3-63 lowercase letters, digits, dots or hyphens)`,
      ]);
    }
  });

  it('reports a missing required input', () => {
    expect(() => readInputs(schema, from({}))).toThrow(`input 'name' = "": is required`);
  });

  it('masks secrets before anything else, and never echoes them in errors', () => {
    const masked: string[] = [];
    expect(() => readInputs(schema, from({ name: 'a', token: 'secret-value' }), (s) => masked.push(s))).toThrow(
      `input 'token' = "***": must start with t-`,
    );
    expect(masked).toEqual(['secret-value']);
  });
});

describe('runAction', () => {
  it('publishes outputs on success', async () => {
    const io = new MemoryIO();
    expect(await runAction('demo', () => Promise.resolve({ a: '1' }), io)).toBe(true);
    expect(io.outputs).toEqual({ a: '1' });
    expect(io.failure).toBeUndefined();
  });

  it('fails once at the edge, prefixed with the action name, and still publishes outputs of an ActionFailure', async () => {
    const io = new MemoryIO();
    await runAction('demo', () => Promise.reject(new ActionFailure('rolled back', { status: 'rolled-back' })), io);
    expect(io.failure).toBe('demo: rolled back');
    expect(io.outputs).toEqual({ status: 'rolled-back' });
  });

  it('masks registered secrets in logs, outputs and summaries', async () => {
    const io = new MemoryIO();
    io.setSecret('hunter2');
    io.info('password hunter2');
    await io.summary('| hunter2 |');
    await runAction('demo', () => Promise.reject(new Error('bad hunter2')), io);
    expect(io.logs.join('\n') + io.summaryMarkdown + (io.failure ?? '')).not.toContain('hunter2');
  });
});
