import { WAIVERS_SCHEMA } from './gate-schema.js';
import { LocatedErrors } from './located-errors.js';
import { validateSchema } from './schema-validator.js';
import { YamlSource } from './yaml-source.js';

/** A reviewed exception in the repository: it turns one check's `fail` (or `warn`) into `waived` until it expires. */
export interface Waiver {
  readonly check: string;
  readonly endpoint: string;
  readonly modelVersion?: string;
  readonly reason: string;
  readonly approver: string;
  /** As written in the file. */
  readonly expires: string;
  /** The first instant the waiver no longer applies (a date waives through the end of that day, UTC). */
  readonly expiresAt: number;
  readonly line: number;
}

export const MAX_WAIVER_DAYS = 30;
const DAY = 86_400_000;

type RawWaiver = { check: string; endpoint: string; 'model-version'?: string | number; reason: string; approver: string; expires: string };

/**
 * Reads a waivers file. Malformed waivers (schema, unparseable dates, an expiry more than 30 days after this run)
 * are errors naming the file, line and field. An expired waiver is NOT an error: it is reported and does not apply
 * (see docs/check-gate.md, "Waivers").
 */
export function loadWaivers(text: string, origin: string, now: number): Waiver[] {
  const source = new YamlSource(origin, text);
  const errors = new LocatedErrors('waivers', source);
  for (const e of source.syntaxErrors) errors.addRaw(`${e} (not valid YAML)`);
  errors.throwIfAny();
  if (source.value === undefined || source.value === null) return [];
  for (const e of validateSchema(WAIVERS_SCHEMA, source.value)) errors.add(e.path, e.message, e.atKey);
  errors.throwIfAny();
  const out: Waiver[] = [];
  (source.value as { waivers: RawWaiver[] }).waivers.forEach((w, i) => {
    const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(w.expires);
    const parsed = Date.parse(dateOnly ? `${w.expires}T00:00:00Z` : w.expires);
    if (Number.isNaN(parsed)) {
      errors.add(['waivers', i, 'expires'], `"${w.expires}" is not a real date`);
      return;
    }
    const expiresAt = dateOnly ? parsed + DAY : parsed;
    const limit = dateOnly ? Math.floor((now + MAX_WAIVER_DAYS * DAY) / DAY) * DAY + DAY : now + MAX_WAIVER_DAYS * DAY;
    if (expiresAt > limit)
      errors.add(
        ['waivers', i, 'expires'],
        `"${w.expires}" is more than ${MAX_WAIVER_DAYS} days ahead: a waiver is renewed by review, not written for long`,
      );
    out.push({
      check: w.check,
      endpoint: w.endpoint,
      ...(w['model-version'] !== undefined ? { modelVersion: String(w['model-version']) } : {}),
      reason: w.reason,
      approver: w.approver,
      expires: w.expires,
      expiresAt,
      line: source.line(['waivers', i]),
    });
  });
  errors.throwIfAny();
  return out;
}

export interface WaiverScope {
  readonly endpoint?: string;
  readonly modelVersion?: string;
}

const inScope = (w: Waiver, scope: WaiverScope): boolean =>
  w.endpoint === scope.endpoint && (w.modelVersion === undefined || w.modelVersion === scope.modelVersion);

/** The waivers of one check in this run's scope: the one that applies (if any) and the expired ones. */
export function waiversFor(
  waivers: readonly Waiver[],
  check: string,
  scope: WaiverScope,
  now: number,
): { active?: Waiver; expired: Waiver[] } {
  const mine = waivers.filter((w) => w.check === check && inScope(w, scope));
  const active = mine.filter((w) => now < w.expiresAt).sort((a, b) => a.expiresAt - b.expiresAt)[0];
  return { ...(active ? { active } : {}), expired: mine.filter((w) => now >= w.expiresAt) };
}
