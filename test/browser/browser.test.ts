import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index';

// Debian's Chromium, started the way this machine's closed network needs.
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let browser: Browser;
let sandbox: RunningSandbox;
let pageServer: Server;
let pageUrl: string;
// The page runs its checks once, in the set-up, whose budget covers Chromium's start and first page
// load on a busy machine; each test then reads the part of the result it is about.
let checks: Promise<unknown>;

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [join(import.meta.dirname, 'page.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    write: false,
  });
  const script = bundle.outputFiles[0]!.text;
  // The page has an origin of its own, so every call to the sandbox is cross-origin.
  pageServer = createServer((request, response) => {
    if (request.url === '/page.js') response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    else response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><script type="module" src="/page.js"></script>');
  });
  await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
  pageUrl = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}/`;
  sandbox = await startSandbox();
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  checks = runInBrowser();
  await checks;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
  await new Promise((resolve) => pageServer?.close(resolve));
});

async function runInBrowser() {
  const page = await browser.newPage();
  try {
    await page.goto(pageUrl);
    await page.waitForFunction(() => 'runChecks' in globalThis);
    return await page.evaluate(
      (input) => (globalThis as unknown as { runChecks: (input: unknown) => Promise<unknown> }).runChecks(input),
      { apiUrl: sandbox.urls.ryvion, tokenUrl: `${sandbox.urls.scrydonAuth}/api/auth/oauth2/token`, key: sandbox.credentials.ryvion.readOnlyKey },
    );
  } finally {
    await page.close();
  }
}

describe('in a real browser', () => {
  test('a client secret is refused unless explicitly allowed', async () => {
    const result = (await checks) as { secretRefusal?: string; allowed: boolean };
    expect(result.secretRefusal).toMatch(/^clientSecret: .*must not be used in a browser/);
    expect(result.allowed).toBe(true);
  });

  test('calls cross origins through CORS with a key and with a backend token, and fail typed', async () => {
    const result = (await checks) as {
      missing: { error?: { name: string; status?: number } };
      viaToken: { error?: { name: string; status?: number } };
      tokenFunctionCalls: number;
    };
    // The sandbox answered (through the preflight) and the body was readable: a typed 404, not a CORS failure.
    expect(result.missing.error).toMatchObject({ name: 'NotFoundError', status: 404 });
    expect(result.viaToken.error).toMatchObject({ name: 'NotFoundError', status: 404 });
    expect(result.tokenFunctionCalls).toBe(1);
  });

  test('a built-in client with a scoped key reads across origins and is refused what its scope forbids', async () => {
    const result = (await checks) as {
      me: { value?: { scopes: string[]; receipt?: string } };
      upload: { error?: { name: string; status?: number } };
    };
    expect(result.me.value).toEqual({ scopes: ['read-only'], receipt: 'ryv1:' });
    expect(result.upload.error).toMatchObject({ name: 'InsufficientScopeError', status: 403 });
  });
});
