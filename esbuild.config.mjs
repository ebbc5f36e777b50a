// Bundles the Node-side entry points; dependencies stay external and load from node_modules.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: 'linked', packages: 'external', logLevel: 'warning' };
await Promise.all([
  build({ ...common, format: 'esm', outdir: 'dist', entryPoints: { main: 'electron/main/index.ts', cli: 'electron/cli/index.ts', start: 'electron/shell/start.ts', bench: 'tests/bench/bundles.bench.ts', 'bench-sheets': 'tests/bench/sheets.bench.ts' }, banner: { js: '#!/usr/bin/env node' } }),
  // A sandboxed preload must be CommonJS, with electron its only import.
  build({ ...common, format: 'cjs', outfile: 'dist/preload.cjs', entryPoints: ['electron/preload/index.ts'], external: ['electron'] }),
]);
