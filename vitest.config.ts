import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          // Whole flows with their workflows' timers, beside the other files and the infra synthesis on a 2-core
          // machine: room enough that only a flow that never ends fails (nothing here times anything).
          testTimeout: 90_000,
          hookTimeout: 60_000,
        },
      },
      { test: { name: 'workflow', include: ['test/workflow/**/*.test.ts'], testTimeout: 30_000 } },
      {
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          // One worker, no isolation between files: they share test/infra/synthesized.ts, so the app is
          // synthesized (every function bundled) once per run. The hook that synthesizes gets room for a busy machine.
          isolate: false,
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 900_000,
        },
      },
    ],
  },
});
