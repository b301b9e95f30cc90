import { defineConfig } from 'tsup';

// One entry per public import path; everything else stays internal.
const entry = {
  index: 'src/index.ts',
};

export default defineConfig([
  {
    entry,
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2023',
    platform: 'neutral',
    splitting: true,
    treeshake: true,
  },
  {
    // ky and p-retry ship ESM only; bundling them keeps `require('keycard')` working on every Node 22
    // release, including those where require(esm) is still behind a flag.
    entry,
    format: ['cjs'],
    dts: true,
    sourcemap: true,
    target: 'es2023',
    platform: 'neutral',
    noExternal: ['ky', 'p-retry', 'is-network-error'],
  },
]);
