import { defineConfig } from 'vitest/config';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// vitest can otherwise load graphql twice (ESM .mjs and CJS .js) → "Cannot use GraphQLSchema from another module".
const graphqlAlias = { graphql: require.resolve('graphql/index.js') };

export default defineConfig({
  resolve: { alias: graphqlAlias },
  test: {
    projects: [
      {
        resolve: { alias: graphqlAlias },
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        resolve: { alias: graphqlAlias },
        test: { name: 'contract', include: ['test/contract/**/*.test.ts'], environment: 'node' },
      },
      {
        resolve: { alias: graphqlAlias },
        test: {
          name: 'integration',
          include: ['test/integration/**/*.int.test.ts'],
          environment: 'node',
          // One shared Neo4j + NATS for the run (started or attached by global setup).
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
