// examples/ run as users run them: `node examples/<api>.ts`, keycard resolved through the package's
// own exports to dist/ (which `npm test` builds before vitest runs), against a sandbox each starts.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';

const root = join(import.meta.dirname, '..');
const run = promisify(execFile);

async function runExample(name: string) {
  if (!existsSync(join(root, 'dist', 'sandbox.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does) before the examples');
  const { stdout } = await run(process.execPath, [join(root, 'examples', `${name}.ts`)], { cwd: root, timeout: 20_000 });
  return stdout.trim().split('\n');
}

// Each example starts a Node process and a sandbox on 127.0.0.1: more than a unit test's time.
describe('examples/', { timeout: 30_000 }, () => {
  test('ryvn.ts shares one token exchange between concurrent calls and updates a secret', async () => {
    expect(await runExample('ryvn')).toEqual([
      expect.stringMatching(/^\d+ services, \d+ installations in production$/),
      'token exchanges: 1',
      expect.stringMatching(/^app-secrets v\d+: .*API_TOKEN/),
    ]);
  });

  test('ryvion.ts searches a knowledge base and turns a missing scope into InsufficientScopeError', async () => {
    expect(await runExample('ryvion')).toEqual([expect.stringMatching(/^handbook \(kb_\w+\): \d+ results$/), 'InsufficientScopeError: 403']);
  });

  test('rivery.ts lists every river and starts a run', async () => {
    expect(await runExample('rivery')).toEqual([expect.stringMatching(/^\d+ rivers$/), expect.stringMatching(/^run [0-9a-f]{32} started$/)]);
  });

  test('rynko.ts verifies its key and queues a document', async () => {
    expect(await runExample('rynko')).toEqual([
      'key of sandbox@rynko.dev',
      expect.stringMatching(/^job_\w+: queued$/),
      expect.stringMatching(/^now (queued|processing|completed)$/),
    ]);
  });

  test('scrydon.ts makes 20 concurrent calls on one token exchange and triggers a workflow', async () => {
    expect(await runExample('scrydon')).toEqual([
      '20 calls as sa_sandbox; token exchanges: 1',
      expect.stringMatching(/^\d+ workflows in env_sandbox$/),
      expect.stringMatching(/^wf_\w+: completed$/),
    ]);
  });
});
