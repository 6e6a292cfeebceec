import { DURATION_PATTERN } from './durations.js';
import { UNIT_NAMES } from './units.js';

/**
 * The gate file's JSON Schema (draft-07). `docs/gate.schema.json` is this object, written out (a test keeps them
 * equal), so editors validate as the action does. Pattern failures are reported with the field's `description`,
 * which is therefore phrased as what a good value looks like.
 */
const duration = (what: string) => ({
  type: 'string',
  pattern: DURATION_PATTERN,
  description: `${what}: a duration such as 30m, 24h or 7d`,
});
const stat = {
  type: 'string',
  pattern: '^(Average|Sum|SampleCount|Minimum|Maximum|p(100|[0-9]{1,2}(\\.[0-9]{1,10})?))$',
  description: 'a statistic: Average, Sum, SampleCount, Minimum, Maximum or a percentile pNN such as p95 or p99.9',
};
const metricId = { type: 'string', pattern: '^[a-z][a-zA-Z0-9_]*$', description: 'an id: a lowercase letter, then letters, digits or _' };
const unit = { type: 'string', enum: UNIT_NAMES };
const tolerance = {
  anyOf: [
    { type: 'number', minimum: 0 },
    { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?%$', description: 'a tolerance: a number, or a percentage of the baseline such as 10%' },
  ],
};
const dimensions = {
  type: 'object',
  description: 'CloudWatch dimensions, name: value',
  additionalProperties: { type: 'string' },
};

export const GATE_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://github.com/mlops-actions/mlops-actions/blob/main/docs/gate.schema.json',
  title: 'mlops-actions check-gate file',
  type: 'object',
  additionalProperties: false,
  required: ['checks'],
  properties: {
    version: { const: 1 },
    name: { type: 'string' },
    description: { type: 'string' },
    window: duration('default window of every check'),
    delay: duration('default publication delay of every check'),
    vars: { type: 'object', description: 'default values for ${name} substitutions', additionalProperties: { type: ['string', 'number'] } },
    checks: { type: 'array', minItems: 1, items: { $ref: '#/definitions/check' } },
  },
  definitions: {
    metric: {
      type: 'object',
      additionalProperties: false,
      required: ['namespace', 'metric', 'stat'],
      properties: {
        namespace: { type: 'string', minLength: 1 },
        metric: { type: 'string', minLength: 1 },
        dimensions,
        stat,
        'metric-unit': unit,
      },
    },
    check: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'source', 'op'],
      properties: {
        id: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,62}$', description: 'a check id: lowercase letters, digits and -' },
        description: { type: 'string' },
        source: { enum: ['cloudwatch', 'prometheus'] },
        namespace: { type: 'string', minLength: 1 },
        metric: { type: 'string', minLength: 1 },
        dimensions,
        stat,
        expression: { type: 'string', minLength: 1, description: 'CloudWatch metric math over the ids of `metrics`' },
        metrics: { type: 'object', minProperties: 1, propertyNames: metricId, additionalProperties: { $ref: '#/definitions/metric' } },
        query: { type: 'string', minLength: 1, description: 'a PromQL expression returning one series' },
        step: duration('Prometheus query_range step'),
        window: duration('window'),
        delay: duration('publication delay'),
        op: { enum: ['>=', '>', '<=', '<', '=='], description: 'how a healthy value compares with the thresholds' },
        fail: { type: 'number' },
        warn: { type: 'number' },
        unit,
        'metric-unit': unit,
        'min-samples': { type: 'integer', minimum: 0 },
        missing: { enum: ['fail', 'warn', 'zero', 'skip'] },
        compare: { enum: ['baseline'] },
        'baseline-variant': { type: 'string', minLength: 1 },
        tolerance,
        'warn-tolerance': tolerance,
      },
      allOf: [
        {
          if: { required: ['source'], properties: { source: { const: 'cloudwatch' } } },
          then: {
            anyOf: [{ required: ['namespace', 'metric', 'stat'] }, { required: ['expression', 'metrics'] }],
            errorMessage: 'has no CloudWatch query: set namespace + metric + stat, or expression + metrics',
          },
        },
        { if: { required: ['source'], properties: { source: { const: 'prometheus' } } }, then: { required: ['query'] } },
        {
          anyOf: [{ required: ['fail'] }, { required: ['warn'] }, { required: ['compare'] }],
          errorMessage: 'has no threshold: set fail and/or warn, or compare: baseline with a tolerance',
        },
        { if: { required: ['compare'] }, then: { required: ['tolerance'] } },
      ],
    },
  },
} as const;

export const WAIVERS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['waivers'],
  properties: {
    waivers: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['check', 'endpoint', 'reason', 'approver', 'expires'],
        properties: {
          check: { type: 'string', minLength: 1 },
          endpoint: { type: 'string', minLength: 1 },
          'model-version': { type: ['string', 'number'] },
          reason: { type: 'string', minLength: 10, description: 'a reason a reviewer can judge (at least 10 characters)' },
          approver: { type: 'string', minLength: 1 },
          expires: {
            type: 'string',
            pattern: '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2})?(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2}))?$',
            description: 'a date (2025-07-01) or an ISO time with a zone',
          },
        },
      },
    },
  },
} as const;
