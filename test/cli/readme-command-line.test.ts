// The README's "Command line" examples, run as written against a served sandbox.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { providers } from '../../src/apis/registry';
import { sandboxExports } from '../../src/cli/sandbox-exports';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index';
import { parseExports, runCli } from '../helpers/run-cli';

const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Command line'), readme.indexOf('\n## ', readme.indexOf('## Command line') + 1));
const commands = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((match) => match[1]!.split('\n')).filter((line) => line.startsWith('keycard '));

/** Shell words of a line: plain words and single-quoted strings, as the examples use them. */
const words = (line: string) => [...line.matchAll(/'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2]!);

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ tokenFormat: 'jwt' });
  // Jobs and runs end on the sandbox clock: each request moves it on, so a wait ends at its next read.
  const count = sandbox.control.countRequest.bind(sandbox.control);
  sandbox.control.countRequest = (api, credential) => {
    count(api, credential);
    sandbox.control.advanceClock(10_000);
  };
});
afterAll(() => sandbox.stop());

test('the section shows the sandbox, calls, flows, doctor and token', () => {
  expect(commands.map((line) => words(line).slice(1, 3).join(' '))).toEqual(
    expect.arrayContaining(['sandbox --port', 'rynko GET', 'rynko POST', 'rynko generate', 'rivery run', 'doctor scrydon', 'token ryvn']),
  );
});

test('every keycard example but the sandbox itself exits 0 and prints its answer', { timeout: 60_000 }, async () => {
  const env = parseExports(sandboxExports(providers, sandbox.urls, sandbox.credentials as never).join('\n'));
  for (const line of commands.filter((command) => !command.startsWith('keycard sandbox'))) {
    const result = await runCli(words(line).slice(1), env);
    expect(result.code, `${line}\n${result.stderr}`).toBe(0);
    expect(result.stdout.length, line).toBeGreaterThan(0);
  }
});
