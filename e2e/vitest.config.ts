// End-to-end tests: Chromium (Debian's) driven by playwright-core through
// `kubelab serve`, and Electron where its binary exists. One lab per Docker
// engine: the files run one at a time.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 900_000,
    reporters: ['verbose'],
  },
});
