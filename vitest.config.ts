import { defineConfig } from 'vitest/config';

// graphql ships a CJS build (main) and an ESM build (module) without an exports map. Vite would
// give our code the ESM copy while graphql-yoga loads the CJS one; yoga then does not recognise
// our GraphQLErrors (instanceof) and masks them as "Unexpected error.". One copy for everyone.
const oneGraphQL = { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] };

export default defineConfig({
  test: {
    projects: [
      {
        resolve: oneGraphQL,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        resolve: oneGraphQL,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          // One real database is shared; files run one after another to keep it predictable.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
