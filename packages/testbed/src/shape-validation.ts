import type { ServiceModel, Shape } from './service-model.js';

/**
 * Checks a request against its input shape the way AWS does, and phrases the errors as AWS phrases them:
 * "1 validation error detected: Value 'x' at 'endpointName' failed to satisfy constraint: ...".
 * Missing required members and wrong types come first, as AWS's serializers reject those before constraints.
 */
export function validateInput(model: ServiceModel, shapeName: string, value: unknown): string | undefined {
  const problems: string[] = [];
  check(model, shapeName, value, '', problems);
  if (problems.length === 0) return undefined;
  const n = problems.length;
  return `${n} validation error${n === 1 ? '' : 's'} detected: ${problems.join('; ')}`;
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

function regex(pattern: string): RegExp | undefined {
  try {
    // botocore patterns are Java regexes, matched against the whole value.
    return new RegExp(`^(?:${pattern.replace(/^\^/, '').replace(/\$$/, '')})$`, 'su');
  } catch {
    return undefined;
  }
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function check(model: ServiceModel, shapeName: string, value: unknown, path: string, problems: string[]): void {
  const shape: Shape | undefined = model.shapes[shapeName];
  if (!shape || value === undefined || value === null) return;
  const at = (why: string): void => void problems.push(`Value '${show(value)}' at '${path}' failed to satisfy constraint: ${why}`);
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || Array.isArray(value)) return void problems.push(`Value at '${path}' must be a structure`);
      const obj = value as Record<string, unknown>;
      for (const req of shape.required ?? []) {
        if (obj[req] === undefined || obj[req] === null)
          problems.push(`Value null at '${join(path, lowerFirst(req))}' failed to satisfy constraint: Member must not be null`);
      }
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        if (obj[name] !== undefined) check(model, member.shape, obj[name], join(path, lowerFirst(name)), problems);
      }
      return;
    }
    case 'list': {
      if (!Array.isArray(value)) return void problems.push(`Value at '${path}' must be a list`);
      if (shape.min !== undefined && value.length < shape.min) at(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value.length > shape.max) at(`Member must have length less than or equal to ${shape.max}`);
      value.forEach((item, i) => {
        check(model, shape.member!.shape, item, `${path}.${i + 1}.member`, problems);
      });
      return;
    }
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value)) return void problems.push(`Value at '${path}' must be a map`);
      const entries = Object.entries(value as Record<string, unknown>);
      if (shape.max !== undefined && entries.length > shape.max) at(`Member must have length less than or equal to ${shape.max}`);
      for (const [k, v] of entries) {
        check(model, shape.key!.shape, k, `${path}.key`, problems);
        check(model, shape.value!.shape, v, `${path}.${k}.member`, problems);
      }
      return;
    }
    case 'string': {
      if (typeof value !== 'string') return void problems.push(`Value at '${path}' must be a string`);
      if (shape.min !== undefined && value.length < shape.min) at(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value.length > shape.max) at(`Member must have length less than or equal to ${shape.max}`);
      if (shape.enum && !shape.enum.includes(value)) at(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
      if (shape.pattern && !(regex(shape.pattern)?.test(value) ?? true))
        at(`Member must satisfy regular expression pattern: ${shape.pattern}`);
      return;
    }
    case 'integer':
    case 'long':
    case 'double':
    case 'float': {
      if (typeof value !== 'number' || Number.isNaN(value)) return void problems.push(`Value at '${path}' must be a number`);
      if ((shape.type === 'integer' || shape.type === 'long') && !Number.isInteger(value))
        return void problems.push(`Value at '${path}' must be an integer`);
      if (shape.min !== undefined && value < shape.min) at(`Member must have value greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value > shape.max) at(`Member must have value less than or equal to ${shape.max}`);
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean') problems.push(`Value at '${path}' must be a boolean`);
      return;
    default:
      return;
  }
}

function join(path: string, member: string): string {
  return path === '' ? member : `${path}.${member}`;
}
