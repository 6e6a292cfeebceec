import { AwsError } from '../aws-error.js';
import type { Dimension } from '../world-links.js';

export interface MetricDatumInput {
  MetricName: string;
  Dimensions?: Dimension[];
  Timestamp?: Date;
  Value?: number;
  StatisticValues?: { SampleCount: number; Sum: number; Minimum: number; Maximum: number };
  Values?: number[];
  Counts?: number[];
  Unit?: string;
  StorageResolution?: number;
}

export interface PutMetricDataInput {
  Namespace: string;
  MetricData: MetricDatumInput[];
}

const MAX_DATA = 1000;
const MAX_VALUES = 150;
const LIMIT = 2 ** 360;
const TWO_WEEKS = 14 * 86_400_000;
const TWO_HOURS = 2 * 3_600_000;

const invalid = (message: string): AwsError => new AwsError('InvalidParameterValue', message);
const combination = (message: string): AwsError => new AwsError('InvalidParameterCombination', message);
const okNumber = (v: number): boolean => Number.isFinite(v) && Math.abs(v) <= LIMIT;

/** PutMetricData's checks beyond the model, with CloudWatch's error codes; nothing is stored when one fails. */
export function validatePutMetricData(input: PutMetricDataInput, now: number): void {
  if (input.Namespace.startsWith('AWS/')) throw invalid(`The value ${input.Namespace} for parameter Namespace is invalid.`);
  if (input.MetricData.length > MAX_DATA) throw invalid(`The collection MetricData must not have a size greater than ${MAX_DATA}.`);
  input.MetricData.forEach((d, index) => {
    const at = `MetricData.member.${index + 1}`;
    const given = [d.Value !== undefined, d.Values !== undefined && d.Values.length > 0, d.StatisticValues !== undefined].filter(
      Boolean,
    ).length;
    if (d.Value !== undefined && d.Values?.length)
      throw invalid(`The parameters ${at}.Value and ${at}.Values are mutually exclusive and you have specified both.`);
    if (d.StatisticValues && given > 1) {
      const other = d.Value !== undefined ? 'Value' : 'Values';
      throw combination(`The parameters ${at}.${other} and ${at}.StatisticValues are mutually exclusive and you have specified both.`);
    }
    if (given === 0)
      throw combination(`At least one of the parameters ${at}.Value, ${at}.StatisticValues and ${at}.Values must be specified.`);
    if (d.Value !== undefined && !okNumber(d.Value)) throw invalid(`The value ${d.Value} for parameter ${at}.Value is invalid.`);
    if (d.Values) {
      if (d.Values.length > MAX_VALUES) throw invalid(`The collection ${at}.Values must not have a size greater than ${MAX_VALUES}.`);
      if (d.Counts && d.Counts.length !== d.Values.length)
        throw invalid(`The parameters ${at}.Values and ${at}.Counts must be of the same size.`);
      for (const v of d.Values) if (!okNumber(v)) throw invalid(`The value ${v} for parameter ${at}.Values is invalid.`);
      for (const c of d.Counts ?? []) if (!okNumber(c) || c < 0) throw invalid(`The value ${c} for parameter ${at}.Counts is invalid.`);
    } else if (d.Counts?.length) {
      throw combination(`The parameter ${at}.Counts must be accompanied by ${at}.Values.`);
    }
    if (d.StatisticValues) {
      const s = d.StatisticValues;
      for (const [k, v] of Object.entries(s))
        if (!okNumber(v)) throw invalid(`The value ${v} for parameter ${at}.StatisticValues.${k} is invalid.`);
      if (s.SampleCount <= 0) throw invalid(`The value ${s.SampleCount} for parameter ${at}.StatisticValues.SampleCount is invalid.`);
      if (s.Minimum > s.Maximum)
        throw invalid(`The parameter ${at}.StatisticValues.Minimum must not be greater than ${at}.StatisticValues.Maximum.`);
    }
    if (d.StorageResolution !== undefined && d.StorageResolution !== 1 && d.StorageResolution !== 60) {
      throw invalid(`The value ${d.StorageResolution} for parameter ${at}.StorageResolution is invalid: it must be 1 or 60.`);
    }
    const names = (d.Dimensions ?? []).map((x) => x.Name);
    if (new Set(names).size !== names.length)
      throw invalid(`The parameter ${at}.Dimensions must not contain the same dimension name twice.`);
    if (d.Timestamp) {
      const t = d.Timestamp.getTime();
      if (t < now - TWO_WEEKS) throw invalid(`The parameter ${at}.Timestamp must specify a time no more than two weeks in the past.`);
      if (t > now + TWO_HOURS) throw invalid(`The parameter ${at}.Timestamp must specify a time no more than two hours in the future.`);
    }
  });
}
