/** `${name}` substitution in gate fields: endpoint, variant, baseline, model-version and the `vars` input. */
const VAR = /\$\{([A-Za-z][A-Za-z0-9_-]*)\}/g;

export type Vars = Readonly<Record<string, string>>;

/** The text with every `${name}` replaced, or the names that have no value. */
export function substitute(text: string, vars: Vars): { text: string; missing: string[] } {
  const missing: string[] = [];
  const out = text.replace(VAR, (whole, name: string) => {
    const v = vars[name];
    if (v === undefined) {
      missing.push(name);
      return whole;
    }
    return v;
  });
  return { text: out, missing };
}

export const usesVar = (text: string, name: string): boolean => [...text.matchAll(VAR)].some((m) => m[1] === name);

/** Why a variable is unset, in terms of the input that would set it. */
export function missingVarHint(name: string): string {
  const inputs: Record<string, string> = {
    endpoint: "input 'endpoint-name'",
    variant: "input 'variant-name'",
    baseline: "input 'baseline-variant'",
    'model-version': "input 'model-version'",
  };
  return `\${${name}} has no value: set ${inputs[name] ?? `${name}=... in input 'vars' or in the gate's vars`}`;
}
