import { join } from 'node:path';
import { defineConfig } from 'tsup';

// One entry per public import path; everything else stays internal.
const entry = {
  index: 'src/index.ts',
  ryvn: 'src/apis/ryvn/index.ts',
  ryvion: 'src/apis/ryvion/index.ts',
  rivery: 'src/apis/rivery/index.ts',
  rynko: 'src/apis/rynko/index.ts',
  scrydon: 'src/apis/scrydon/index.ts',
  sandbox: 'src/sandbox/index.ts',
};
// msw is an optional peer, needed only by keycard/sandbox; node builtins only by its server.
const external = ['msw', /^msw\//, /^node:/];
// The sandbox loads msw through msw-peer.ts, whose top-level await CommonJS cannot express: the
// CommonJS build takes its synchronous twin instead.
const mswPeerRequire = {
  name: 'msw-peer-require',
  setup(build: { onResolve(options: { filter: RegExp }, resolve: () => { path: string }): void }) {
    build.onResolve({ filter: /\/msw-peer$/ }, () => ({ path: join(import.meta.dirname, 'src/sandbox/msw-peer-require.ts') }));
  },
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
    external,
  },
  {
    // ky and p-retry ship ESM only; bundling them keeps `require('keycard')` working on every Node 22
    // release, including those where require(esm) is still behind a flag. openapi-fetch is bundled
    // too: as a "type": "module" package, esbuild would read its CommonJS `exports.default` in Node's
    // interop mode, where the default import is the whole exports object, not the function.
    // Splitting shares one copy of the error classes between the entries, so that an error from
    // `keycard/rynko` is `instanceof` the class `keycard` exports.
    entry,
    format: ['cjs'],
    dts: true,
    sourcemap: true,
    target: 'es2023',
    platform: 'neutral',
    splitting: true,
    noExternal: ['ky', 'p-retry', 'is-network-error', 'openapi-fetch'],
    external,
    esbuildPlugins: [mswPeerRequire],
  },
]);
