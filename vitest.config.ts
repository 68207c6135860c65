import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import FullBuildLastSequencer from './test/sequencer.ts';

export default defineConfig({
  resolve: {
    // The astro profile's src/content.config.ts is imported as it is by test/profile-astro.test.ts.
    alias: {
      'astro:content': fileURLToPath(new URL('./test/shims/astro-content.ts', import.meta.url)),
      'astro/loaders': fileURLToPath(new URL('./test/shims/astro-loaders.ts', import.meta.url)),
    },
  },
  test: {
    include: ['scripts/**/*.test.ts', 'test/**/*.test.ts'],
    // One full build of the bundled data, shared by the tests that read it (test/full-build.ts).
    globalSetup: ['test/global-setup.ts'],
    // Two test files at a time (the machine has two cores; vitest's default would be one), the
    // files that need the full build last, while a child process builds it.
    maxWorkers: 2,
    sequence: { sequencer: FullBuildLastSequencer },
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
