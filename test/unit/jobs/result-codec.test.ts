import { describe, expect, it } from 'vitest';
import { decodeResult, encodeResult } from '../../../src/jobs/result-codec.js';

describe('result codec', () => {
  const value = { a: 1, draws: Float64Array.from([1.5, -2.25, Math.PI]), finish: Uint8Array.from([3, 1, 2]), nested: { pts: Float32Array.from([0.1, 99]) } };

  it('round-trips typed arrays bit for bit', () => {
    const back = decodeResult<typeof value>(encodeResult(value));
    expect(back.a).toBe(1);
    expect(back.draws).toBeInstanceOf(Float64Array);
    expect(Array.from(back.draws)).toEqual(Array.from(value.draws));
    expect(Array.from(back.finish)).toEqual([3, 1, 2]);
    expect(back.nested.pts).toBeInstanceOf(Float32Array);
    expect(back.nested.pts[0]).toBe(value.nested.pts[0]);
  });

  it('decodes the byte[] forms Neo4j hands back (signed Int8Array or number list)', () => {
    const bytes = encodeResult(value);
    const signed = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    expect(Array.from(decodeResult<typeof value>(signed).draws)).toEqual(Array.from(value.draws));
    expect(Array.from(decodeResult<typeof value>(Array.from(signed)).draws)).toEqual(Array.from(value.draws));
  });
});
