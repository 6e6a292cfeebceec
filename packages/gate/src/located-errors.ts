import { InputError, InputErrors } from '@mlops-actions/action-kit';
import type { JsonPath } from './schema-validator.js';
import { fieldName, type YamlSource } from './yaml-source.js';

/**
 * Collects the errors of one file (the gate or the waivers), each as one line naming the input, the file, the
 * line and column, and the field: `input 'gate' = "gates/admission.yml": line 12, column 11: checks[2].stat ...`.
 */
export class LocatedErrors {
  private readonly errors: InputError[] = [];

  constructor(
    private readonly input: string,
    private readonly source: YamlSource,
  ) {}

  add(path: JsonPath, message: string, atKey = false): void {
    this.errors.push(new InputError(this.input, this.source.origin, `${this.source.where(path, atKey)}: ${fieldName(path)}: ${message}`));
  }

  /** A problem with the file as a whole (syntax), already located. */
  addRaw(message: string): void {
    this.errors.push(new InputError(this.input, this.source.origin, message));
  }

  get count(): number {
    return this.errors.length;
  }

  throwIfAny(): void {
    if (this.errors.length > 0) throw new InputErrors(this.errors);
  }
}
