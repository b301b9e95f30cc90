// The packed keycard in each runtime it claims: Node 22.0 (the clients' floor), Node 22.12 (the
// sandbox's floor), Bun, Deno and a Cloudflare Worker under workerd. Each runs test/runtimes/smoke.ts.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { runtimeCacheDir, runtimePaths } from '../../scripts/runtimes/runtime-cache.ts';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index';
import { bundleWithPackedKeycard, programInConsumer } from './bundle-for';
import { lastJsonLine, runProgram } from './run-program';
import { concurrentCalls, smokeInput, type SmokeInput, type SmokeResult } from './smoke';

const root = join(import.meta.dirname, '../..');
const consumerDir = inject('consumerDir');
let sandbox: RunningSandbox;
let input: SmokeInput;
let program: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  input = smokeInput(sandbox);
  program = await programInConsumer(join(import.meta.dirname, 'smoke-main.ts'), consumerDir, 'smoke.mjs');
});
afterAll(() => sandbox?.stop());

/** What every runtime must show: one exchange for the concurrent calls, a typed body, typed errors. */
function expectSmokePassed(result: SmokeResult, runtime: RegExp) {
  expect(`${result.runtime} ${result.nodeVersion ?? ''}`).toMatch(runtime);
  expect(result).toMatchObject({ calls: concurrentCalls, clientIds: [input.clientId], tokenRequestsForConcurrentCalls: 1 });
  const typed = { instanceOfExpected: true, instanceOfKeycardError: true, isKeycardError: true };
  expect(result.missing).toEqual({ name: 'NotFoundError', ...typed });
  expect(result.refused).toEqual({ name: 'InvalidClientError', ...typed });
}

describe('the packed keycard in each runtime', () => {
  test('Node 22.0: concurrent calls share one exchange against a loopback server, and errors are typed', async () => {
    const run = await runProgram(runtimePaths.node22_0, [program, 'loopback', JSON.stringify(input)], { cwd: consumerDir });
    expectSmokePassed(lastJsonLine(run) as SmokeResult, /^Node\.js\/22 v22\.0\.0$/);
  });

  test('Node 22.12: keycard/sandbox runs in-process and the process exits by itself', async () => {
    const run = await runProgram(runtimePaths.node22_12, [program, 'own-sandbox'], { cwd: consumerDir });
    expectSmokePassed(lastJsonLine(run) as SmokeResult, /^Node\.js\/22 v22\.12\.0$/);
  });

  test("Node 22.0 and 22.12: require() of the CommonJS build, the clients on 22.0 and keycard/sandbox on 22.12 (msw is ESM: require of ES modules)", async () => {
    const clients = `const { RyvnClient } = require('keycard/ryvn'); const { isKeycardError, ConfigurationError } = require('keycard');
      try { new RyvnClient({ clientId: '' }); } catch (error) { console.log(isKeycardError(error) && error instanceof ConfigurationError); }`;
    const sandboxRequire = `require('keycard/sandbox').startSandbox().then(async (sandbox) => { console.log(Object.keys(sandbox.urls).length > 0); await sandbox.stop(); });`;
    for (const [node, code] of [[runtimePaths.node22_0, clients], [runtimePaths.node22_12, sandboxRequire]] as const) {
      const run = await runProgram(node, ['-e', code], { cwd: consumerDir });
      expect({ code: run.code, stdout: run.stdout.trim(), stderr: run.stderr }).toEqual({ code: 0, stdout: 'true', stderr: '' });
    }
  });

  test('Bun: the smoke against its own keycard/sandbox', async () => {
    const run = await runProgram(runtimePaths.bun, [program, 'own-sandbox'], { cwd: consumerDir });
    expectSmokePassed(lastJsonLine(run) as SmokeResult, /^Bun\//);
  });

  test('Deno: the smoke against its own keycard/sandbox, and Deno exits once the sandbox stops', async () => {
    const run = await runProgram(runtimePaths.deno, ['run', '--allow-all', program, 'own-sandbox'], {
      cwd: consumerDir,
      env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
    });
    expectSmokePassed(lastJsonLine(run) as SmokeResult, /^Deno\//);
  });

  test('Cloudflare Workers (workerd through miniflare 4): a bundled Worker calls the loopback API', async () => {
    const script = await bundleWithPackedKeycard(join(import.meta.dirname, 'smoke-worker.ts'), consumerDir, 'browser', ['workerd', 'worker', 'browser']);
    expect(script).toContain('node_modules/keycard/dist/');
    const require = createRequire(join(runtimeCacheDir, 'package.json'));
    const { Miniflare } = (await import(pathToFileURL(require.resolve('miniflare')).href)) as typeof import('./miniflare-types');
    const worker = new Miniflare({ modules: true, script, compatibilityDate: '2025-09-01' });
    try {
      const response = await worker.dispatchFetch('http://worker.test/', { method: 'POST', body: JSON.stringify(input) });
      const body = await response.text();
      expect(response.status, body).toBe(200);
      expectSmokePassed(JSON.parse(body) as SmokeResult, /^Cloudflare-Workers\b/);
    } finally {
      await worker.dispose();
    }
  });
});

describe('TypeScript 7', () => {
  test("type-checks a client typed by a spec against the packed keycard's declarations, under nodenext and bundler resolution", async () => {
    // The same layout as in test/, so that the file's relative import holds in the consumer project.
    for (const directory of ['runtimes', 'example']) mkdirSync(join(consumerDir, directory), { recursive: true });
    copyFileSync(join(import.meta.dirname, 'typed-with-ts7.ts'), join(consumerDir, 'runtimes', 'typed-with-ts7.ts'));
    copyFileSync(join(root, 'test/example/things-api.gen.ts'), join(consumerDir, 'example', 'things-api.gen.ts'));
    const compilerOptions = { target: 'es2023', strict: true, noEmit: true, skipLibCheck: false, types: [], lib: ['es2023', 'dom'] };
    for (const module of ['nodenext', 'preserve'] as const) {
      const options = module === 'preserve' ? { ...compilerOptions, module, moduleResolution: 'bundler' } : { ...compilerOptions, module };
      writeFileSync(join(consumerDir, 'tsconfig.json'), JSON.stringify({ compilerOptions: options, files: ['runtimes/typed-with-ts7.ts'] }));
      const run = await runProgram(process.execPath, [runtimePaths.tsc7, '-p', consumerDir], { cwd: consumerDir });
      expect(`${run.stdout}${run.stderr}`, `module ${module}`).toBe('');
      expect(run.code).toBe(0);
    }
  });
});

describe("keycard's own scripts on an older Node", () => {
  const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

  test.each(['test', 'build', 'generate', 'check:package', 'docs', 'start', 'bench', 'test:runtimes'])(
    'npm run %s on Node 22.0 stops with one line naming 22.18',
    async (name) => {
      const command = scripts[name];
      expect(command, `package.json has no "${name}" script`).toBeDefined();
      const path = `${join(runtimePaths.node22_0, '..')}:${process.env.PATH}`;
      const run = await runProgram('sh', ['-c', command!], { cwd: root, env: { ...process.env, PATH: path } });
      expect(run.code).not.toBe(0);
      expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^keycard's scripts need Node\.js 22\.18 or later; this is Node\.js 22\.0\.0\./)]);
    },
  );
});
