/**
 * A small JSON Schema (draft-07) validator: exactly the keywords the gate and waiver schemas use, each error with
 * the path of the value it is about, so the caller can point at the line. Unknown keywords are ignored, as draft-07
 * says; `description` doubles as the expectation when a pattern, enum or anyOf fails.
 */
export type JsonPath = readonly (string | number)[];

export interface SchemaError {
  readonly path: JsonPath;
  readonly message: string;
  /** The key itself is wrong (an unknown property): point at the key, not its value. */
  readonly atKey?: boolean;
}

type Schema = { readonly [keyword: string]: unknown };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function hasType(v: unknown, type: string): boolean {
  const actual = typeOf(v);
  return actual === type || (type === 'number' && actual === 'integer') || (type === 'object' && actual === 'object');
}

const show = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : v === null ? 'empty' : JSON.stringify(v));
const list = (items: readonly unknown[]): string =>
  items.length <= 1 ? items.map(String).join('') : `${items.slice(0, -1).map(String).join(', ')} or ${String(items.at(-1))}`;

export function validateSchema(schema: Schema, value: unknown, root: Schema = schema, path: JsonPath = []): SchemaError[] {
  const errors: SchemaError[] = [];
  const err = (message: string, at: JsonPath = path, atKey = false): void => void errors.push({ path: at, message, atKey });
  const described = (fallback: string): string => (typeof schema.description === 'string' ? `must be ${schema.description}` : fallback);

  if (typeof schema.$ref === 'string') {
    const target = schema.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((s, key) => (isObject(s) ? s[key] : undefined), root);
    if (!isObject(target)) throw new Error(`schema: unresolved $ref ${schema.$ref}`);
    return validateSchema(target, value, root, path);
  }
  if (schema.type !== undefined) {
    const types = (Array.isArray(schema.type) ? schema.type : [schema.type]) as string[];
    if (!types.some((t) => hasType(value, t))) {
      err(`must be ${list(types.map((t) => (t === 'object' ? 'a mapping' : t === 'array' ? 'a list' : `a ${t}`)))} (got ${show(value)})`);
      return errors;
    }
  }
  if ('const' in schema && value !== schema.const) err(`must be ${show(schema.const)} (got ${show(value)})`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value))
    err(`${show(value)} ${described(`must be one of ${list(schema.enum.map(show))}`)}`);
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength)
      err(schema.minLength === 1 ? 'must not be empty' : described(`must be at least ${schema.minLength} characters`));
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern).test(value))
      err(`${show(value)} ${described(`must match ${schema.pattern}`)}`);
  }
  if (typeof value === 'number' && typeof schema.minimum === 'number' && value < schema.minimum)
    err(`must be >= ${schema.minimum} (got ${value})`);
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) err(`must have at least ${schema.minItems} item(s)`);
    if (isObject(schema.items))
      value.forEach((item, i) => errors.push(...validateSchema(schema.items as Schema, item, root, [...path, i])));
  }
  if (isObject(value)) errors.push(...validateObject(schema, value, root, path));
  for (const sub of (schema.allOf as Schema[] | undefined) ?? []) errors.push(...validateSchema(sub, value, root, path));
  if (isObject(schema.if) && validateSchema(schema.if, value, root, path).length === 0 && isObject(schema.then))
    errors.push(...validateSchema(schema.then, value, root, path));
  if (Array.isArray(schema.anyOf)) errors.push(...validateAnyOf(schema, schema.anyOf as Schema[], value, root, path));
  return errors;
}

function validateObject(schema: Schema, value: Record<string, unknown>, root: Schema, path: JsonPath): SchemaError[] {
  const errors: SchemaError[] = [];
  const props = (isObject(schema.properties) ? schema.properties : {}) as Record<string, Schema>;
  for (const name of (schema.required as string[] | undefined) ?? []) {
    if (!(name in value)) errors.push({ path, message: `is missing '${name}'` });
  }
  if (typeof schema.minProperties === 'number' && Object.keys(value).length < schema.minProperties)
    errors.push({ path, message: `must have at least ${schema.minProperties} entr${schema.minProperties === 1 ? 'y' : 'ies'}` });
  for (const [key, v] of Object.entries(value)) {
    const at = [...path, key];
    if (isObject(schema.propertyNames)) {
      for (const e of validateSchema(schema.propertyNames, key, root, at))
        errors.push({ path: at, message: `key ${e.message}`, atKey: true });
    }
    if (props[key]) errors.push(...validateSchema(props[key], v, root, at));
    else if (schema.additionalProperties === false)
      errors.push({ path: at, message: `unknown field '${key}' (known: ${Object.keys(props).join(', ')})`, atKey: true });
    else if (isObject(schema.additionalProperties)) errors.push(...validateSchema(schema.additionalProperties, v, root, at));
  }
  return errors;
}

function validateAnyOf(schema: Schema, branches: readonly Schema[], value: unknown, root: Schema, path: JsonPath): SchemaError[] {
  const results = branches.map((b) => validateSchema(b, value, root, path));
  if (results.some((r) => r.length === 0)) return [];
  // `errorMessage` is ajv-errors' keyword: the whole message, for the cases a generic one would not explain.
  if (typeof schema.errorMessage === 'string') return [{ path, message: schema.errorMessage }];
  if (typeof schema.description === 'string') return [{ path, message: `must be ${schema.description}` }];
  // Branches that only require fields: say which sets of fields would do.
  if (branches.every((b) => Array.isArray(b.required) && Object.keys(b).length === 1)) {
    const sets = branches.map((b) => (b.required as string[]).join(' + '));
    return [{ path, message: `must set ${list(sets)}` }];
  }
  // Otherwise the branch of the value's own type (the closest one) explains best.
  const sameType = branches.findIndex((b) => b.type === undefined || hasType(value, b.type as string));
  if (sameType >= 0) return results[sameType]!;
  return [{ path, message: `must be ${list(branches.map((b) => `a ${String(b.type)}`))} (got ${show(value)})` }];
}
