/**
 * Compact storage of results: JSON where typed arrays become {"$ta": "Float64Array", "b64": ...}
 * (bit-exact, ~4x smaller than number lists), then gzip. Decoding restores the typed arrays.
 */
import { gunzipSync, gzipSync } from 'node:zlib';

const TYPED = { Float64Array, Float32Array, Int32Array, Uint32Array, Uint16Array, Int16Array, Uint8Array, Int8Array } as const;
type TypedName = keyof typeof TYPED;

function replacer(_k: string, v: unknown): unknown {
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    const name = v.constructor.name as TypedName;
    if (name in TYPED) return { $ta: name, b64: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
  }
  return v;
}

function reviver(_k: string, v: unknown): unknown {
  if (v && typeof v === 'object' && '$ta' in v && 'b64' in v) {
    const { $ta, b64 } = v as { $ta: TypedName; b64: string };
    const buf = Buffer.from(b64, 'base64');
    const Ctor = TYPED[$ta];
    const copy = new Uint8Array(buf.byteLength);
    copy.set(buf);
    return new Ctor(copy.buffer, 0, buf.byteLength / Ctor.BYTES_PER_ELEMENT);
  }
  return v;
}

export function encodeResult(result: unknown): Uint8Array {
  return new Uint8Array(gzipSync(Buffer.from(JSON.stringify(result, replacer)), { level: 6 }));
}

/**
 * Neo4j returns a stored byte[] as an Int8Array or a plain number list depending on driver
 * settings; Buffer.from keeps each value's low 8 bits, which restores the bytes either way.
 */
export function decodeResult<T = unknown>(payload: Uint8Array | Int8Array | readonly number[]): T {
  const bytes = payload instanceof Uint8Array ? payload : Buffer.from(payload as ArrayLike<number> as number[]);
  return JSON.parse(gunzipSync(bytes).toString('utf8'), reviver) as T;
}
