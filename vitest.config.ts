import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// Two projects:
// - unit: tests beside the code in each package (pure rules, table-driven). No global setup, so they
//   run without services; a unit test that needs Redis or PostgreSQL reads REDIS_URL / DATABASE_URL.
// - integration: tests/**, against the real PostgreSQL and Redis. The global setup checks both and
//   builds (or reuses) the migrated template database; each file clones its own database and gets its
//   own Redis key prefix (tests/src/fixtures.ts), so files run in parallel.
// graphql 16 ships CommonJS (`main`) and ESM (`module`) copies with no `exports` map. Vite resolves a
// test's own `import "graphql"` to the ESM copy, while Pothos and Yoga, loaded by Node, get the CommonJS
// one: two realms, and graphql refuses the schema ("Cannot use GraphQLObjectType from another module or
// realm"). Pointing the bare import at the CommonJS entry gives everyone the same copy.
const resolve = { alias: [{ find: /^graphql$/, replacement: "graphql/index.js" }] };

export default defineConfig({
  test: {
    // Integration files mostly wait on PostgreSQL: at least two at once even on a two-core machine
    // (vitest's default would be one worker there).
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      {
        resolve,
        test: {
          name: "unit",
          include: ["{api,tracker,prisma,dashboard}/src/**/*.test.{ts,tsx}"],
          environment: "node",
          pool: "forks",
          testTimeout: 10_000,
        },
      },
      {
        resolve,
        test: {
          name: "integration",
          include: ["tests/**/*.test.ts"],
          environment: "node",
          pool: "forks",
          // A worker keeps its module cache between files: loading the Prisma client (and its query
          // compiler) once per worker instead of once per file halves the run. Isolation between files
          // comes from the per-file database and Redis prefix, not from fresh modules.
          isolate: false,
          globalSetup: ["tests/src/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
