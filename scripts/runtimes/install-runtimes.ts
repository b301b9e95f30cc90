// Installs the pinned runtimes into the cache directory when they are missing or differ from the
// pins; a no-op on a warm machine. `npm run test:runtimes` runs it before the smokes.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runtimeCacheDir, runtimePackages, runtimePaths } from './runtime-cache.ts';

const manifest = `${JSON.stringify({ name: 'keycard-runtimes', private: true, dependencies: runtimePackages }, null, 2)}\n`;
const manifestPath = join(runtimeCacheDir, 'package.json');
const current = existsSync(manifestPath) ? readFileSync(manifestPath, 'utf8') : '';
const missing = Object.values(runtimePaths).filter((path) => !existsSync(path));

if (current !== manifest || missing.length > 0) {
  const started = Date.now();
  console.log(`installing runtimes into ${runtimeCacheDir}`);
  mkdirSync(runtimeCacheDir, { recursive: true });
  writeFileSync(manifestPath, manifest);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: runtimeCacheDir, stdio: 'inherit' });
  const stillMissing = Object.values(runtimePaths).filter((path) => !existsSync(path));
  if (stillMissing.length > 0) throw new Error(`runtimes missing after install: ${stillMissing.join(', ')}`);
  console.log(`runtimes installed in ${Math.round((Date.now() - started) / 1000)} s`);
} else {
  console.log(`runtimes present in ${runtimeCacheDir}`);
}
