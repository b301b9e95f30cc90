// The built `keycard` command end to end: `node dist/cli.js` as a child process against a sandbox
// served on 127.0.0.1, with exactly the environment each test gives it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { providers } from '../../src/apis/registry';
import { providerVariables } from '../../src/cli/provider-variables';
import { sandboxExports } from '../../src/cli/sandbox-exports';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index';
import { parseExports, runCli, startCli, type CliResult } from '../helpers/run-cli';

// Each test spawns Node processes; on a loaded machine that takes seconds, not milliseconds.
const slow = { timeout: 60_000 };

let sandbox: RunningSandbox;
let env: Record<string, string>;
/** Every secret value the commands could see: keys, client secrets, and the tokens issued to them. */
const secrets = new Set<string>();
const results: CliResult[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ tokenFormat: 'jwt', jwtLength: 2_048 });
  env = parseExports(sandboxExports(providers, sandbox.urls, sandbox.credentials as never).join('\n'));
  for (const provider of providers) {
    for (const variable of providerVariables(provider)) if (variable.secret) secrets.add(env[variable.name]!);
  }
});
afterEach(() => sandbox.control.reset());
afterAll(() => sandbox.stop());

/** Runs the command and keeps its output for the check that no secret was ever printed. */
async function keycard(args: readonly string[], extra: Record<string, string> = {}, input?: string): Promise<CliResult> {
  const result = await runCli(args, { ...env, ...extra }, input);
  results.push(result);
  return result;
}

/** Every request the sandbox counts moves its clock on by 10 s: a job or run started by one call has ended by the next read. */
function fastForwardOnEachRequest() {
  const count = sandbox.control.countRequest.bind(sandbox.control);
  sandbox.control.countRequest = (api, credential) => {
    count(api, credential);
    sandbox.control.advanceClock(10_000);
  };
  return () => void (sandbox.control.countRequest = count);
}

describe('keycard <api> <METHOD> <path>', () => {
  test('prints the JSON body on stdout and exits 0, with -q as query parameters', slow, async () => {
    const result = await keycard(['rynko', 'GET', '/api/v1/templates', '-q', 'limit=1']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const body = JSON.parse(result.stdout) as { data: unknown[] };
    expect(body.data).toHaveLength(1);
  });

  test('sends -d @file as the JSON body', slow, async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'keycard-cli-')), 'body.json');
    writeFileSync(file, JSON.stringify({ templateId: 'tmpl_invoice', format: 'pdf', variables: { invoiceNumber: 'INV-1' } }));
    const result = await keycard(['rynko', 'POST', '/api/v1/documents/generate', '-d', `@${file}`]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'queued', jobId: expect.any(String) });
  });

  test('reads -d @- from stdin', slow, async () => {
    const body = JSON.stringify({ templateId: 'tmpl_invoice', format: 'pdf', variables: { invoiceNumber: 'INV-2' } });
    const result = await keycard(['rynko', 'POST', '/api/v1/documents/generate', '-d', '@-'], {}, body);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'queued' });
  });

  test("a failed call exits 1 with the typed error's name and message on stderr, and nothing on stdout", slow, async () => {
    const result = await keycard(['rynko', 'GET', '/api/v1/documents/jobs/job_missing']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^NotFoundError: 404/);
  });

  test('a revoked key exits 1 with the typed error by name', slow, async () => {
    sandbox.control.revokeKey('rynko');
    const result = await keycard(['rynko', 'GET', '/api/v1/templates']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^InvalidTokenError: 401 ERR_AUTH_004: /);
  });

  test('a missing credential is a ConfigurationError naming the variable', slow, async () => {
    const result = await keycard(['ryvion', 'GET', '/api/v1/auth/me'], { RYVION_API_KEY: '' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ConfigurationError: ');
    expect(result.stderr).toContain('RYVION_API_KEY');
  });

  test('bad usage exits 2 and says where the help is', slow, async () => {
    const unknownApi = await keycard(['nope', 'GET', '/x']);
    expect(unknownApi.code).toBe(2);
    expect(unknownApi.stderr).toContain(`unknown API "nope": expected one of ${providers.map((provider) => provider.name).join(', ')}`);
    const badMethod = await keycard(['rynko', 'FETCH', '/x']);
    expect(badMethod.code).toBe(2);
    expect(badMethod.stderr).toContain('Run `keycard rynko --help` for usage.');
    const badJson = await keycard(['rynko', 'POST', '/x', '-d', '{"apiKey": "fm_sandbox_key"']);
    expect(badJson).toMatchObject({ code: 2, stdout: '' });
    expect(badJson.stderr).toContain('-d is not valid JSON');
  });
});

describe('keycard token <api>', () => {
  test('prints the access token alone on stdout: a whole 2 kB JWT that the API accepts', slow, async () => {
    const result = await keycard(['token', 'ryvn']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const token = result.stdout.replace(/\n$/, '');
    secrets.add(token);
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(token).toHaveLength(2_048);
    expect(sandbox.control.verifyToken('ryvn', token)).toHaveProperty('record');
  });

  test('refuses an API authenticated by a key, without printing the key', slow, async () => {
    const result = await keycard(['token', 'rynko']);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain('rynko authenticates with an API key (RYNKO_API_KEY)');
  });

  test('a wrong client secret is an InvalidClientError, and neither secret is printed', slow, async () => {
    const result = await keycard(['token', 'scrydon'], { SCRYDON_CLIENT_SECRET: 'not-the-secret-0123' });
    secrets.add('not-the-secret-0123');
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toMatch(/^InvalidClientError: /);
  });
});

describe('keycard <api> <flow>', () => {
  test('rynko generate --wait follows the job and prints the completed job; progress stays off a stderr that is not a terminal', slow, async () => {
    const restore = fastForwardOnEachRequest();
    try {
      const result = await keycard(['rynko', 'generate', '--template-id', 'tmpl_invoice', '--format', 'pdf', '--variables', '{"invoiceNumber":"INV-3"}', '--wait']);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(result.stdout)).toMatchObject({ status: 'completed', downloadUrl: expect.any(String) });
    } finally {
      restore();
    }
  });

  test('without --wait, a flow prints its first answer; a flow with a positional argument takes it in place', slow, async () => {
    const result = await keycard(['rynko', 'generate', '--template-id', 'tmpl_invoice', '--format', 'pdf', '--variables', '{"invoiceNumber":"INV-4"}']);
    expect(result.code).toBe(0);
    const { jobId } = JSON.parse(result.stdout) as { jobId: string };
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'queued' });
    const job = await keycard(['rynko', 'job', jobId]);
    expect(job.code).toBe(0);
    expect(JSON.parse(job.stdout)).toMatchObject({ jobId });
  });

  test('Ctrl-C during a wait ends it with AbortError and exit code 130', slow, async () => {
    const started = sandbox.control.counts('rivery').requests;
    const waiting = startCli(['rivery', 'run', '64b1a0c2e4b0a1b2c3d41001', '--wait'], env);
    // The run lasts 3 s on the sandbox clock, which does not jump here: interrupt once it was started.
    while (sandbox.control.counts('rivery').requests === started) await new Promise((resolve) => setTimeout(resolve, 10));
    waiting.child.kill('SIGINT');
    expect(await waiting.exited).toBe(130);
    expect(waiting.stderr()).toMatch(/^AbortError: /);
    expect(waiting.stdout()).toBe('');
    results.push({ code: 130, stdout: waiting.stdout(), stderr: waiting.stderr() });
  });

  test('a Rivery run that ends in error exits 1 with RiveryRunError and the run\'s message', slow, async () => {
    const restore = fastForwardOnEachRequest();
    try {
      const result = await keycard(['rivery', 'run', '64b1a0c2e4b0a1b2c3d41003', '--wait']);
      expect(result).toMatchObject({ code: 1, stdout: '' });
      expect(result.stderr).toMatch(/^RiveryRunError: .*ended with status E/);
    } finally {
      restore();
    }
  });

  test('a flow missing a required option exits 2 naming it', slow, async () => {
    const result = await keycard(['rynko', 'generate', '--format', 'pdf']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--template-id is required');
  });
});

describe('keycard doctor <api>', () => {
  test('passes for every API with the variables the sandbox prints, with one exchange or one read each', slow, async () => {
    for (const provider of providers) {
      const result = await keycard(['doctor', provider.name]);
      expect(result.code, `${provider.name}:\n${result.stdout}${result.stderr}`).toBe(0);
      expect(result.stdout).toMatch(provider.auth.kind === 'clientCredentials' ? /✓ exchanged the client credentials/ : /✓ the key was accepted/);
    }
  });

  test('names what is missing and what is malformed, in plain words, and exits 1', slow, async () => {
    const result = await keycard(['doctor', 'scrydon'], { SCRYDON_URL: '', SCRYDON_AUTH_URL: 'http://auth.example.com' });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✗ SCRYDON_URL is not set: it is required');
    expect(result.stdout).toContain('✗ SCRYDON_AUTH_URL must use https: plain http is for loopback hosts only, not auth.example.com');
  });

  test('reports a rejected secret by the error the exchange gave', slow, async () => {
    sandbox.control.rotateSecret('ryvn');
    const result = await keycard(['doctor', 'ryvn']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✗ InvalidClientError: /);
  });
});

describe('keycard --help', () => {
  test('every command has its help, exit 0, and the top level and the sandbox name the Node floor', slow, async () => {
    const commands = [[], ['--help'], ['token', '--help'], ['sandbox', '--help'], ['doctor', '--help'], ['rynko', '--help'], ['rynko', 'generate', '--help'], ['rivery', 'run', '-h']];
    for (const args of commands) {
      const result = await keycard(args);
      expect(result.code, args.join(' ')).toBe(0);
      expect(result.stdout, args.join(' ')).toMatch(/^Usage/);
    }
    expect((await keycard(['--help'])).stdout).toContain('22.12');
    expect((await keycard(['sandbox', '--help'])).stdout).toContain('22.12');
    expect((await keycard(['rynko', 'generate', '--help'])).stdout).toContain('--template-id');
  });
});

describe('keycard sandbox', () => {
  test('prints working variables, serves until SIGTERM, then stops cleanly with exit 0', slow, async () => {
    const served = startCli(['sandbox']);
    await served.stderrMatches(/serving on http:\/\/127\.0\.0\.1:\d+/);
    try {
      const exported = parseExports(served.stdout());
      for (const provider of providers) {
        for (const variable of providerVariables(provider)) expect(served.stdout()).toMatch(new RegExp(`^(export|unset) ${variable.name}\\b`, 'm'));
      }
      const token = await runCli(['token', 'scrydon'], exported);
      expect(token.code, token.stderr).toBe(0);
      expect(token.stdout.trim().length).toBeGreaterThan(1_000);
    } finally {
      served.child.kill('SIGTERM');
    }
    expect(await served.exited).toBe(0);
    expect(served.stderr()).toContain('keycard sandbox: stopped');
  });

  test('SIGINT stops it too, and --port must be a port', slow, async () => {
    const served = startCli(['sandbox', '--port', '0']);
    await served.stderrMatches(/serving on/);
    served.child.kill('SIGINT');
    expect(await served.exited).toBe(0);
    const bad = await keycard(['sandbox', '--port', 'eighty']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--port must be a whole number');
  });
});

describe('secrets', () => {
  test('no key, client secret or token ever appeared on stdout or stderr, except the token that `token` printed', () => {
    expect(results.length).toBeGreaterThan(10);
    for (const result of results) {
      for (const secret of secrets) {
        expect(result.stderr).not.toContain(secret);
        if (result.stdout.trim() !== secret) expect(result.stdout).not.toContain(secret);
      }
    }
  });
});
