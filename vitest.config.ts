import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', testTimeout: 30_000 } },
      { extends: true, test: { name: 'renderer', include: ['tests/renderer/**/*.test.tsx'], environment: 'jsdom', setupFiles: ['tests/renderer/setup.ts'] } },
      // A screen in Chromium answers through the bridge and the services; on a loaded two-core machine that can
      // take longer than expect.poll's one second, so a page is given ten to show what is awaited.
      { extends: true, test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], environment: 'node', testTimeout: 120_000, hookTimeout: 120_000, expect: { poll: { timeout: 10_000 } } } },
    ],
  },
});
