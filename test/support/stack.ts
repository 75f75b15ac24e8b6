/** The integration tests' stack: launchStack on the services provided by global setup. */
import { inject } from 'vitest';
import { launchStack, type Stack } from './stack-core.js';

export type { Stack };

export function startStack(opts: { actors?: number; env?: Record<string, string> } = {}): Promise<Stack> {
  return launchStack({ natsUrl: inject('natsUrl'), neo4jUri: inject('neo4jUri'), ...opts });
}
