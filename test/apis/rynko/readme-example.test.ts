import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeEach, expect, test, vi } from 'vitest';
import { createSandbox } from '../../../src/sandbox/index';
import { rynkoSandbox } from '../../../src/sandbox/rynko/rynko-state';
import { settle, useFakeTime } from '../../helpers/fake-time';
import { useMswServer } from '../../helpers/msw-server';

// The example of the README's Rynko section, character for character: keep the two identical.
const example = `import { JobFailedError, RynkoClient } from 'keycard/rynko';

const rynko = new RynkoClient(); // RYNKO_API_KEY, and RYNKO_API_URL or https://api.rynko.dev
const account = await rynko.verify();
console.log(\`key of \${account.email}\`);

const { jobId } = await rynko.generateDocument({
  templateId: 'tmpl_invoice',
  format: 'pdf',
  variables: { invoiceNumber: 'INV-001', customerName: 'Acme', total: 150 },
});
try {
  const job = await rynko.waitForJob(jobId, { onProgress: ({ status }) => console.log(status) });
  const file = await rynko.downloadDocument(job); // from the storage host, without the key
  console.log(\`\${file.size} bytes of \${file.type}\`);
} catch (error) {
  if (error instanceof JobFailedError) console.log(\`failed: \${error.errorCode} \${error.errorMessage}\`);
  else throw error;
}
`;

const root = join(import.meta.dirname, '../../..');
// Outside the repository, so that no type-check or test run ever picks the scratch files up.
const scratch = mkdtempSync(join(tmpdir(), 'keycard-rynko-readme-'));
const server = useMswServer();
const sandbox = createSandbox();

beforeEach(() => {
  sandbox.control.reset();
  server.use(...sandbox.handlers);
  vi.stubEnv('RYNKO_API_KEY', sandbox.credentials.rynko.apiKey);
  vi.stubEnv('RYNKO_API_URL', '');
});
afterEach(() => vi.useRealTimers());
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * Runs the example as a module of its own, with the client's default URL, and returns what it
 * printed. Its statements run inside a function, so that the module loads on the real clock and
 * only the example itself runs on the fake one.
 */
async function run(name: string): Promise<string[]> {
  const file = join(scratch, `${name}.ts`);
  const lines = example.replaceAll("from 'keycard/rynko'", `from '${join(root, 'src/apis/rynko/index.ts')}'`).split('\n');
  const imports = lines.filter((line) => line.startsWith('import '));
  const body = lines.filter((line) => !line.startsWith('import '));
  writeFileSync(file, `${imports.join('\n')}\nexport default async function main() {\n${body.join('\n')}\n}\n`);
  const { default: main } = (await import(pathToFileURL(file).href)) as { default: () => Promise<void> };
  const printed: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...values: unknown[]) => void printed.push(values.join(' ')));
  useFakeTime();
  const outcome = await settle(main());
  if (outcome instanceof Error) throw outcome;
  return printed;
}

test('the README example generates, waits for and downloads a document against the sandbox', async () => {
  const printed = await run('generate');
  expect(printed).toEqual(['key of sandbox@rynko.dev', 'queued', 'processing', 'completed', expect.stringMatching(/^\d+ bytes of application\/pdf$/)]);
  expect(Number(printed[4]!.split(' ')[0])).toBeGreaterThan(50);
  expect(rynkoSandbox(sandbox.control).storage).toEqual({ requests: 1, refusedCredentials: 0 });
});

test('the README example reports a failed job', async () => {
  // The same template, made unrenderable: the example's catch branch runs.
  rynkoSandbox(sandbox.control).templates.get('tmpl_invoice')!.renderError = 'Missing font Inter';
  const printed = await run('failed');
  expect(printed.at(-1)).toBe('failed: ERR_DOC_004 Missing font Inter');
});
