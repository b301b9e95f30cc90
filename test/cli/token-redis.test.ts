// `keycard token` with KEYCARD_REDIS_URL: runs share one token through a real redis-server.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { providers } from '../../src/apis/registry';
import { sandboxExports } from '../../src/cli/sandbox-exports';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index';
import { parseExports, runCli } from '../helpers/run-cli';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, makeTlsFiles, startRedisServer, type RedisServer } from '../redis/redis-server';

const slow = { timeout: 60_000 };
let sandbox: RunningSandbox;
let redis: RedisServer;
let env: Record<string, string>;

beforeAll(async () => {
  [sandbox, redis] = await Promise.all([startSandbox({ tokenFormat: 'jwt', jwtLength: 2_048 }), startRedisServer()]);
  env = parseExports(sandboxExports(providers, sandbox.urls, sandbox.credentials as never).join('\n'));
});
afterAll(async () => {
  await Promise.all([sandbox.stop(), redis.stop()]);
});

describe('keycard token with KEYCARD_REDIS_URL', () => {
  test('runs share one token through Redis: the second run makes no exchange', slow, async () => {
    const before = sandbox.control.counts('scrydon').tokenExchanges;
    const first = await runCli(['token', 'scrydon'], { ...env, KEYCARD_REDIS_URL: redis.url });
    const second = await runCli(['token', 'scrydon'], { ...env, KEYCARD_REDIS_URL: redis.url });
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(second.stdout).toBe(first.stdout);
    expect(sandbox.control.counts('scrydon').tokenExchanges - before).toBe(1);
  });

  test('without it, every run exchanges', slow, async () => {
    const before = sandbox.control.counts('ryvn').tokenExchanges;
    await runCli(['token', 'ryvn'], env);
    await runCli(['token', 'ryvn'], env);
    expect(sandbox.control.counts('ryvn').tokenExchanges - before).toBe(2);
  });

  test('a Redis that cannot be reached leaves the run exchanging on its own, warning by host and never repeating the password', slow, async () => {
    const port = await freePort();
    const result = await runCli(['token', 'ryvn'], { ...env, KEYCARD_REDIS_URL: `redis://:hunter2-redis-pw@127.0.0.1:${port}` });
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toHaveLength(2_048);
    expect(result.stderr).toContain(`cannot reach Redis at 127.0.0.1:${port}`);
    expect(result.stderr + result.stdout).not.toContain('hunter2-redis-pw');
  });
});

describe('keycard token with a rediss:// KEYCARD_REDIS_URL', () => {
  let dir: string;
  let tlsRedis: RedisServer;
  let caFile: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'keycard-cli-tls-'));
    const files = makeTlsFiles(dir);
    caFile = files.caFile;
    tlsRedis = await startRedisServer({ tls: files });
  });
  afterAll(async () => {
    await tlsRedis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('runs share one token over TLS, trusting a private CA through NODE_EXTRA_CA_CERTS', slow, async () => {
    const before = sandbox.control.counts('scrydon').tokenExchanges;
    const tlsEnv = { ...env, KEYCARD_REDIS_URL: tlsRedis.url, NODE_EXTRA_CA_CERTS: caFile };
    const first = await runCli(['token', 'scrydon'], tlsEnv);
    const second = await runCli(['token', 'scrydon'], tlsEnv);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(second.stdout).toBe(first.stdout);
    expect(sandbox.control.counts('scrydon').tokenExchanges - before).toBe(1);
  });

  test('without the CA the certificate is refused: the run exchanges on its own and says why', slow, async () => {
    const result = await runCli(['token', 'ryvn'], { ...env, KEYCARD_REDIS_URL: tlsRedis.url });
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toHaveLength(2_048);
    expect(result.stderr).toMatch(new RegExp(`cannot reach Redis at 127\\.0\\.0\\.1:${tlsRedis.port} \\((UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)\\)`));
  });
});
