/**
 * Input kinds: each turns the raw string of one input into a typed value or says what was expected.
 * A kind throws `Expected`; `readInputs` adds the input's name and value.
 */
export class Expected extends Error {}

export interface Kind<T> {
  /** What a good value looks like, for `--help` and the README. */
  readonly describe: string;
  parse(raw: string): T;
}

function kind<T>(describe: string, parse: (raw: string) => T): Kind<T> {
  return { describe, parse };
}

export const text = (describe = 'text'): Kind<string> => kind(describe, (raw) => raw);

export function matching(pattern: RegExp, expected: string, maxLength = Infinity): Kind<string> {
  return kind(expected, (raw) => {
    if (raw.length > maxLength || !pattern.test(raw)) throw new Expected(expected);
    return raw;
  });
}

export function oneOf<const T extends string>(values: readonly T[]): Kind<T> {
  const expected = `must be one of ${values.join(', ')}`;
  return kind(expected, (raw) => {
    const found = values.find((v) => v.toLowerCase() === raw.toLowerCase());
    if (found === undefined) throw new Expected(expected);
    return found;
  });
}

export function integer(min = -Infinity, max = Infinity): Kind<number> {
  const range = max === Infinity ? `>= ${min}` : `between ${min} and ${max}`;
  const expected = `must be a whole number ${range}`;
  return kind(expected, (raw) => {
    if (!/^-?\d+$/.test(raw)) throw new Expected(expected);
    const n = Number(raw);
    if (n < min || n > max) throw new Expected(expected);
    return n;
  });
}

export function decimal(min = -Infinity, max = Infinity): Kind<number> {
  const range = max === Infinity ? `> ${min}` : `between ${min} and ${max}`;
  const expected = `must be a number ${range}`;
  return kind(expected, (raw) => {
    if (!/^-?\d+(\.\d+)?$/.test(raw)) throw new Expected(expected);
    const n = Number(raw);
    if (n < min || n > max) throw new Expected(expected);
    return n;
  });
}

/** YAML 1.2 core booleans, as `core.getBooleanInput` accepts them. */
export const boolean = (): Kind<boolean> =>
  kind('must be true or false', (raw) => {
    if (/^(true|True|TRUE)$/.test(raw)) return true;
    if (/^(false|False|FALSE)$/.test(raw)) return false;
    throw new Expected('must be true or false');
  });

/** Newline- or comma-separated items, blanks dropped; each item checked by `item` when given. */
export function list(item?: Kind<string>): Kind<string[]> {
  return kind(`a list (newline- or comma-separated)${item ? ` of items that ${item.describe}` : ''}`, (raw) => {
    const items = raw
      .split(/[\n,]/)
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
    if (item) for (const it of items) item.parse(it);
    return items;
  });
}

/** `KEY=VALUE` lines (the value may contain `=`). */
export function keyValues(): Kind<Record<string, string>> {
  const expected = 'must be KEY=VALUE lines';
  return kind(expected, (raw) => {
    const out: Record<string, string> = {};
    for (const line of raw.split('\n').map((s) => s.trim())) {
      if (line === '' || line.startsWith('#')) continue;
      const eq = line.indexOf('=');
      if (eq <= 0) throw new Expected(`${expected} (got ${JSON.stringify(line)})`);
      out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
    }
    return out;
  });
}

export interface S3Location {
  readonly bucket: string;
  readonly key: string;
}

/** `s3://bucket/key`, bucket by S3's naming rules. */
export function s3Url(expectPrefix = false): Kind<S3Location> {
  const expected = expectPrefix
    ? 'must be s3://<bucket>/<prefix>/ (a bucket of 3-63 lowercase letters, digits, dots or hyphens)'
    : 'must be s3://<bucket>/<key> (a bucket of 3-63 lowercase letters, digits, dots or hyphens)';
  return kind(expected, (raw) => {
    const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(raw);
    if (!m) throw new Expected(expected);
    let key = m[2] ?? '';
    if (expectPrefix && key !== '' && !key.endsWith('/')) key += '/';
    if (!expectPrefix && key === '') throw new Expected(expected);
    return { bucket: m[1]!, key };
  });
}

export function url(): Kind<string> {
  const expected = 'must be an http(s):// URL';
  return kind(expected, (raw) => {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new Expected(expected);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Expected(expected);
    return raw.replace(/\/+$/, '');
  });
}
