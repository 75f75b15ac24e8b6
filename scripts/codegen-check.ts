/**
 * Fails when generated GraphQL types are stale: regenerates into a temp copy and compares.
 * Part of `npm test`, so CI catches a schema change without `npm run codegen`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from './local-services.js';

const FILES = ['src/__generated__/resolvers-types.ts', 'client/__generated__/operations.ts'];
const before = FILES.map((f) => readFileSync(resolve(REPO_ROOT, f), 'utf8'));
execFileSync(process.execPath, [resolve(REPO_ROOT, 'node_modules/@graphql-codegen/cli/cjs/bin.js'), '--config', 'codegen.ts', '--silent'], { cwd: REPO_ROOT, stdio: 'inherit' });
const stale = FILES.filter((f, i) => readFileSync(resolve(REPO_ROOT, f), 'utf8') !== before[i]);
if (stale.length) {
  console.error(`codegen: generated files were stale and have been regenerated: ${stale.join(', ')}. Commit them.`);
  process.exit(1);
}
console.log('codegen: generated types are up to date');
