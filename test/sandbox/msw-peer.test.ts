// keycard/sandbox as a user without msw meets it: the sandbox bundled the way tsup bundles it (msw
// left out), imported by a separate Node process from a directory where msw is or is not installed.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build, type BuildOptions } from 'esbuild';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const root = join(import.meta.dirname, '../..');
const scratch = mkdtempSync(join(tmpdir(), 'keycard-msw-peer-'));
const run = promisify(execFile);

async function importIn(directory: string, format: 'esm' | 'cjs') {
  const code =
    format === 'esm'
      ? `const s = await import(${JSON.stringify(join(directory, 'sandbox.mjs'))}); console.log(typeof s.startSandbox);`
      : `const s = require(${JSON.stringify(join(directory, 'sandbox.cjs'))}); console.log(typeof s.startSandbox);`;
  try {
    const { stdout } = await run(process.execPath, [...(format === 'esm' ? ['--input-type=module'] : []), '-e', code], { cwd: directory });
    return { ok: true, output: stdout.trim() };
  } catch (error) {
    return { ok: false, output: String((error as { stderr?: string }).stderr) };
  }
}

beforeAll(async () => {
  for (const name of ['without-msw', 'with-msw']) {
    const directory = join(scratch, name);
    mkdirSync(directory);
    const common: BuildOptions = { entryPoints: [join(root, 'src/sandbox/index.ts')], bundle: true, platform: 'node', external: ['msw', 'msw/*'], logLevel: 'silent' };
    await build({ ...common, format: 'esm', outfile: join(directory, 'sandbox.mjs') });
    // The CommonJS build swaps msw-peer for its synchronous twin, as tsup.config.ts does.
    await build({ ...common, format: 'cjs', outfile: join(directory, 'sandbox.cjs'), plugins: [requireTwin] });
  }
  mkdirSync(join(scratch, 'with-msw', 'node_modules'));
  symlinkSync(join(root, 'node_modules', 'msw'), join(scratch, 'with-msw', 'node_modules', 'msw'), 'dir');
}, 30_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const requireTwin = {
  name: 'msw-peer-require',
  setup(plugin: { onResolve(options: { filter: RegExp }, resolve: () => { path: string }): void }) {
    plugin.onResolve({ filter: /\/msw-peer$/ }, () => ({ path: join(root, 'src/sandbox/msw-peer-require.ts') }));
  },
};

describe('keycard/sandbox and its optional peer msw', () => {
  test.each(['esm', 'cjs'] as const)('without msw, loading the sandbox (%s) says to install msw@^3', async (format) => {
    const result = await importIn(join(scratch, 'without-msw'), format);
    expect(result.ok).toBe(false);
    expect(result.output).toContain('keycard/sandbox needs msw, an optional peer dependency: install msw@^3');
  });

  test.each(['esm', 'cjs'] as const)('with msw installed, the sandbox (%s) loads', async (format) => {
    expect(await importIn(join(scratch, 'with-msw'), format)).toEqual({ ok: true, output: 'function' });
  });

  test('no sandbox module but the peer loader imports a value from msw (types only)', () => {
    const sandboxDir = join(root, 'src/sandbox');
    const offenders = readdirSync(sandboxDir, { recursive: true, encoding: 'utf8' })
      .filter((path) => path.endsWith('.ts') && !/(^|\/)msw-peer(-require)?\.ts$/.test(path))
      .filter((path) => /^import\s+(?!type\b)[^;]*from\s+'msw(\/[^']*)?';/m.test(readFileSync(join(sandboxDir, path), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
