import { join } from 'node:path';
import { defineConfig } from 'tsup';
import { providerEntries } from './src/apis/registry';

/** The entries that are not an API's client: the root and the sandbox. */
export const plainEntries: Record<string, string> = {
  index: 'src/index.ts',
  sandbox: 'src/sandbox/index.ts',
  redis: 'src/redis/index.ts',
};
// One entry per public import path (the APIs' from the registry); everything else stays internal.
export const entry = { ...plainEntries, ...providerEntries() };
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
  {
    // The `keycard` command, for Node only. It loads the clients and the sandbox from their own
    // entries beside it (dist/<api>.js, dist/sandbox.js) rather than bundling a second copy.
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node22',
    platform: 'node',
    external,
  },
]);
