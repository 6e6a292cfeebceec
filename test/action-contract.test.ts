import { ACTIONS } from '../src/action-registry.js';
import { readActionYml } from './support/repo.js';

describe.each(Object.entries(ACTIONS))('%s action.yml', (_name, entry) => {
  const yml = readActionYml(entry.dir);

  it('runs its committed bundle on node24', () => {
    expect(yml.runs.using).toBe('node24');
    expect(yml.runs.main).toBe('dist/index.js');
  });

  it('describes every input and output', () => {
    for (const [name, spec] of Object.entries({ ...yml.inputs, ...yml.outputs })) {
      expect({ name, description: (spec.description ?? '').length > 10 }).toEqual({ name, description: true });
    }
  });

  it('declares exactly the inputs its parser reads, with the same required flags and defaults', () => {
    const declared = Object.entries(yml.inputs ?? {}).map(([name, spec]) => ({
      name,
      required: spec.required === true,
      default: spec.default,
    }));
    const parsed = Object.entries(entry.schema).map(([name, field]) => ({ name, required: field.required, default: field.default }));
    expect(declared.sort((a, b) => a.name.localeCompare(b.name))).toEqual(parsed.sort((a, b) => a.name.localeCompare(b.name)));
  });
});
