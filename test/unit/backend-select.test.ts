/**
 * ENGINE_BACKEND selection: what each choice gives, and the typed errors when a choice cannot
 * be honoured (issue 12).
 */
import { describe, expect, it } from 'vitest';
import type { TensorDevice } from '../../engine/backend/index.js';
import { KERNEL_BACKEND_CHOICES, TfjsUnavailableError, createKernelBackend } from '../../engine/backend/index.js';

const failingLoader = (why: string) => (device: TensorDevice) => Promise.reject(new TfjsUnavailableError(device, [`${device}: ${why}`]));

describe('createKernelBackend', () => {
  it('cpu is the plain TypeScript reference', async () => {
    const b = await createKernelBackend('cpu');
    expect(b.info).toEqual({ name: 'cpu', device: 'js-typed-arrays', threads: 1 });
  });

  it('auto without a CUDA device is the CPU reference and records why', async () => {
    const b = await createKernelBackend('auto', { load: failingLoader('native addon tfjs_binding.node not found') });
    expect(b.info.name).toBe('cpu');
    expect(b.info.fallbackReasons?.join()).toMatch(/tfjs_binding\.node/);
  });

  it('tfjs-wasm loads the local SIMD binary, single-threaded under Node', async () => {
    const b = await createKernelBackend('tfjs-wasm');
    expect(b.info).toMatchObject({ name: 'tfjs', device: 'tfjs-wasm-simd', threads: 1 });
    b.dispose();
  });

  it('tfjs falls through node-gpu to wasm and says why', async () => {
    const b = await createKernelBackend('tfjs');
    if (b.info.device.startsWith('tfjs-node')) return; // a GPU host: nothing fell through
    expect(b.info.device).toBe('tfjs-wasm-simd');
    expect(b.info.fallbackReasons?.[0]).toMatch(/^tfjs-gpu: /);
    b.dispose();
  });

  it('a forced runtime that cannot load is DEPENDENCY_UNAVAILABLE naming ENGINE_BACKEND', async () => {
    await expect(createKernelBackend('tfjs-wasm', { load: failingLoader('wasm backend failed to initialise') })).rejects.toMatchObject({
      name: 'EngineError',
      type: 'DEPENDENCY_UNAVAILABLE',
      retryable: false,
      message: expect.stringMatching(/^ENGINE_BACKEND=tfjs-wasm: .*failed to initialise/),
      details: { field: 'ENGINE_BACKEND', value: 'tfjs-wasm' },
    });
  });

  it('tfjs-gpu without a CUDA device is refused, not silently run on the CPU', async () => {
    const noGpu = () => Promise.resolve({ tf: {} as never, tfBackend: 'tensorflow', device: 'tfjs-node-cpu', gpu: false, fallbackReasons: [] });
    await expect(createKernelBackend('tfjs-gpu', { load: noGpu })).rejects.toMatchObject({ type: 'DEPENDENCY_UNAVAILABLE', message: expect.stringMatching(/no CUDA device/) });
  });

  it('an unknown choice is INVALID_INPUT listing the valid ones', async () => {
    await expect(createKernelBackend('cuda' as never)).rejects.toMatchObject({ type: 'INVALID_INPUT', details: { field: 'ENGINE_BACKEND', value: 'cuda' } });
    expect(KERNEL_BACKEND_CHOICES).toEqual(['auto', 'cpu', 'tfjs', 'tfjs-wasm', 'tfjs-cpu', 'tfjs-gpu']);
  });
});
