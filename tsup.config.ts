import { defineConfig } from 'tsup';

// Two library entries (the package root and the `./testing` subpath) built as ESM and CJS with
// declarations, and the CLI as a single ESM file with a shebang.
export default defineConfig([
  {
    entry: { index: 'src/index.ts', testing: 'src/testing/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node22',
    splitting: false,
    shims: true,
    loader: { '.md': 'text' },
  },
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node22',
    banner: { js: '#!/usr/bin/env node' },
    loader: { '.md': 'text' },
  },
]);
