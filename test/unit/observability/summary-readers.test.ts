import { describe, expect, it } from 'vitest';
import { numberAt, readForecastSkill, readMcmcDiagnostics, readThroughput } from '../../../src/observability/summary-readers.js';

describe('numberAt', () => {
  it('returns the first finite number among dotted paths', () => {
    const s = { a: { b: 2 }, c: 'x', d: Number.NaN, e: [1] };
    expect(numberAt(s, ['c', 'd', 'e', 'a.b'])).toBe(2);
    expect(numberAt(s, ['zz', 'a.b.c'])).toBeUndefined();
    expect(numberAt(null, ['a'])).toBeUndefined();
    expect(numberAt(42, ['a'])).toBeUndefined();
  });
});

describe('readMcmcDiagnostics', () => {
  it('reads flat keys and derives the rejection rate', () => {
    expect(readMcmcDiagnostics({ rhatMax: 1.01, rhatBulkMax: 1.004, essBulkMin: 500, essTailMin: 300, divergences: 0, acceptanceRate: 0.8 })).toEqual({ rhatMax: 1.01, rhatBulkMax: 1.004, essBulkMin: 500, essTailMin: 300, divergences: 0, acceptanceRate: 0.8, rejectionRate: 1 - 0.8 });
  });

  it('reads the CalibrationDiagnostics shape nested under diagnostics, preferring a reported rejection rate', () => {
    const d = readMcmcDiagnostics({ diagnostics: { rhatMax: 1.2, essBulkMin: 40, acceptanceRate: 0.6, rejectionRate: 0.41 } });
    expect(d).toEqual({ rhatMax: 1.2, essBulkMin: 40, acceptanceRate: 0.6, rejectionRate: 0.41 });
  });

  it('omits anything missing or unusable instead of inventing values', () => {
    expect(readMcmcDiagnostics({ estimate: 3.14, samples: 10 })).toEqual({});
    expect(readMcmcDiagnostics({ rhatMax: 'high', divergences: Number.POSITIVE_INFINITY })).toEqual({});
    expect(readMcmcDiagnostics(undefined)).toEqual({});
  });
});

describe('readForecastSkill', () => {
  it('reads evaluation.overall (ForecastScore) and flat aliases', () => {
    expect(readForecastSkill({ evaluation: { overall: { crps: 7.5, skillVsUniform: 0.2, skillVsStart: -0.01, coverage50: 0.49, coverage80: 0.81, coverage90: 0.9 } } })).toEqual({ crps: 7.5, skillVsUniform: 0.2, skillVsStart: -0.01, coverage50: 0.49, coverage80: 0.81, coverage90: 0.9 });
    expect(readForecastSkill({ crpsSkill: 0.1, crpsSkillVsStart: 0.02 })).toEqual({ skillVsUniform: 0.1, skillVsStart: 0.02 });
  });
});

describe('readThroughput', () => {
  it('prefers a reported rate, then units over the summary wall time, then over the job duration', () => {
    expect(readThroughput({ scenarios: 10_000, scenariosPerSecond: 2_500 }, 100)).toEqual({ unit: 'scenarios', units: 10_000, perSecond: 2_500 });
    expect(readThroughput({ scenarios: 10_000, wallMs: 2_000 }, 100)).toEqual({ unit: 'scenarios', units: 10_000, perSecond: 5_000 });
    expect(readThroughput({ samples: 1_000 }, 4)).toEqual({ unit: 'samples', units: 1_000, perSecond: 250 });
    expect(readThroughput({ lineupsEvaluated: 600, diagnostics: { wallMs: 3_000 } }, undefined)).toEqual({ unit: 'lineups', units: 600, perSecond: 200 });
  });

  it('gives nothing without a work counter or a way to get a rate', () => {
    expect(readThroughput({ rhatMax: 1 }, 10)).toBeUndefined();
    expect(readThroughput({ samples: 1_000 }, undefined)).toBeUndefined();
    expect(readThroughput({ samples: -5 }, 1)).toBeUndefined();
  });
});
