import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The bench's files in a fixed order: the lifecycle paths move the shared virtual clock, which fires
 * the timers of every open complaint, so they run before the files that leave complaints open
 * (the web pages' one, the HTTP load's hundreds).
 */
const benchOrder = ['functions', 'lifecycle', 'statistics', 'web-pages', 'stream', 'http'];
class BenchSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]) {
    // Other files rank -1 and keep vitest's own order (the sort is stable).
    const rank = (file: TestSpecification) =>
      benchOrder.findIndex((name) => file.moduleId.endsWith(`/${name}.bench.ts`));
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

/** Benchmarks print figures and stay out of `npm test`: `npm run bench` sets CCMS_BENCH. */
const bench = {
  test: {
    name: 'bench',
    include: ['test/bench/**/*.bench.ts'],
    environment: 'node',
    globalSetup: ['test/integration/local-cloud.setup.ts', 'test/bench/report.setup.ts'],
    setupFiles: ['test/integration/file-scope.setup.ts'],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
};

/**
 * The load tests (`npm run test:load`, or its smoke with small numbers) keep a local cloud busy for
 * minutes: they have a cloud of their own and stay out of `npm test`, as the bench does.
 */
const load = {
  test: {
    name: 'load',
    include: ['test/load/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/integration/local-cloud.setup.ts'],
    setupFiles: ['test/integration/file-scope.setup.ts'],
    fileParallelism: false,
    testTimeout: 300_000,
    // A file's end stops what it left waiting once the stream has caught up with its thousands of changes.
    hookTimeout: 300_000,
  },
};

export default defineConfig({
  test: {
    sequence: { sequencer: BenchSequencer },
    projects: [
      ...(process.env.CCMS_BENCH ? [bench] : []),
      ...(process.env.CCMS_LOAD ? [load] : []),
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'integration',
          // The browser tests (test/e2e) drive the same local cloud through its web pages.
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/integration/local-cloud.setup.ts'],
          setupFiles: ['test/integration/file-scope.setup.ts'],
          // One local cloud and one virtual clock per run: files must not move the clock under each other.
          fileParallelism: false,
          // Waits (eventually) give up after 30 s with what they waited for: a test's own timeout is the last resort.
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
