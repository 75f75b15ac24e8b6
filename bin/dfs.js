#!/usr/bin/env node
// The `dfs` CLI launcher: registers tsx so the TypeScript sources run as-is (no build step),
// then loads cli/main.ts, which parses process.argv and exits with the command's status.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
