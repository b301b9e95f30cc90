import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeEach, expect, test, vi } from 'vitest';
import { createSandbox } from '../../../src/sandbox/index';
import { useMswServer } from '../../helpers/msw-server';

// readme-example.ts is the example of the README's Ryvn section, verbatim; tsc checks its types.
const root = join(import.meta.dirname, '../../..');
const example = readFileSync(join(import.meta.dirname, 'readme-example.ts'), 'utf8');
const scratch = mkdtempSync(join(tmpdir(), 'keycard-ryvn-readme-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const server = useMswServer();
const sandbox = createSandbox();

beforeEach(() => {
  sandbox.control.reset();
  server.use(...sandbox.handlers);
  // Only the credentials: the example finds its organization itself, with the client's default URLs.
  vi.stubEnv('RYVN_CLIENT_ID', sandbox.credentials.ryvn.clientId);
  vi.stubEnv('RYVN_CLIENT_SECRET', sandbox.credentials.ryvn.clientSecret);
});

test('the README example runs against the sandbox with one token exchange', async () => {
  const file = join(scratch, 'ryvn-example.ts');
  writeFileSync(file, example.replaceAll("from 'keycard/ryvn'", `from '${join(root, 'src/apis/ryvn/index.ts')}'`));
  const logged: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...values: unknown[]) => void logged.push(values.join(' ')));
  await import(pathToFileURL(file).href);
  expect(logged).toEqual(['Sandbox: api, web, worker', 'production: api 1.4.2 is pending', 'app-secrets v4: API_TOKEN, DATABASE_URL']);
  expect(sandbox.control.counts('ryvn').tokenExchanges).toBe(1);
});

test('the README, once it has a Ryvn section, shows this example', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = /^### Ryvn\n[\s\S]*?```ts\n([\s\S]*?)```/m.exec(readme);
  if (section !== null) expect(section[1]).toBe(example);
  else expect(readme).not.toMatch(/^### Ryvn$/m);
});
