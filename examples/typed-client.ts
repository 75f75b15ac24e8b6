/**
 * The typed SDK in a dozen lines: submit a ping job and watch it to the end.
 *
 *   npm start                                   # prints a dev admin key (X-API-Key: dfs_...)
 *   DFS_API_KEY=dfs_... npx tsx examples/typed-client.ts
 */
import { DfsClient, describeError } from '../client/index.js';

const dfs = new DfsClient({ url: process.env.DFS_URL ?? 'http://127.0.0.1:4000/graphql', apiKey: process.env.DFS_API_KEY });

try {
  const job = await dfs.submitPing({ chunks: 20, samples: 5_000_000 }, { seed: 42 });
  console.log(`submitted ${job.kind} job ${job.id} (${job.status})`);
  // Events are typed (JobProgressSubscription); the first one is the job's current state.
  const last = await dfs.watchJob(job.id, (e) => console.log(e.type.padEnd(9), e.status.padEnd(9), e.progress ? `${(e.progress.fraction * 100).toFixed(0)}% ${e.progress.phase}` : ''));
  console.log(`finished: ${last.status}`, last.result ?? last.error);
  process.exit(last.status === 'SUCCEEDED' ? 0 : 1);
} catch (err) {
  // DfsApiError carries the GraphQL extensions.code; describeError gives the one-line fix.
  console.error(describeError(err));
  process.exit(1);
}
