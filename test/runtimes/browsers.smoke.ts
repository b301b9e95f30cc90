// The CORS page of test/browser/ (a scoped key across origins, a backend token, typed errors),
// built from the packed keycard, in Chromium, in Firefox ESR through WebDriver BiDi and in WebKitGTK
// through WebKitWebDriver under a virtual X server: every browser from Debian.
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { runtimeCacheDir } from '../../scripts/runtimes/runtime-cache.ts';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index';
import { bundleWithPackedKeycard } from './bundle-for';
import type { PuppeteerCore } from './puppeteer-types';
import { startWebDriverSession } from './webdriver-session';

const consumerDir = inject('consumerDir');
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const miniBrowser = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

let sandbox: RunningSandbox;
let pageServer: Server;
let pageUrl: string;
let puppeteer: PuppeteerCore;

beforeAll(async () => {
  const script = await bundleWithPackedKeycard(join(import.meta.dirname, '../browser/page.ts'), consumerDir, 'browser');
  expect(script).toContain('node_modules/keycard/dist/');
  // The page has an origin of its own, so every call to the sandbox is cross-origin.
  pageServer = createServer((request, response) => {
    if (request.url === '/page.js') response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    else response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><script type="module" src="/page.js"></script>');
  });
  await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
  pageUrl = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}/`;
  sandbox = await startSandbox();
  const require = createRequire(join(runtimeCacheDir, 'package.json'));
  const loaded = (await import(pathToFileURL(require.resolve('puppeteer-core')).href)) as { default: PuppeteerCore };
  puppeteer = loaded.default;
});

afterAll(async () => {
  await sandbox?.stop();
  await new Promise((resolve) => pageServer?.close(resolve));
});

const pageInput = () => ({
  apiUrl: sandbox.urls.ryvion,
  tokenUrl: `${sandbox.urls.scrydonAuth}/api/auth/oauth2/token`,
  key: sandbox.credentials.ryvion.readOnlyKey,
});

/** What test/browser/browser.test.ts expects of the page, all at once. */
function expectPagePassed(result: unknown) {
  expect(result).toMatchObject({
    secretRefusal: expect.stringMatching(/^clientSecret: .*must not be used in a browser/),
    allowed: true,
    missing: { error: { name: 'NotFoundError', status: 404 } },
    viaToken: { error: { name: 'NotFoundError', status: 404 } },
    tokenFunctionCalls: 1,
    me: { value: { scopes: ['read-only'], receipt: 'ryv1:' } },
    upload: { error: { name: 'InsufficientScopeError', status: 403 } },
  });
}

async function runWithPuppeteer(options: Parameters<PuppeteerCore['launch']>[0]) {
  const browser = await puppeteer.launch(options);
  try {
    const page = await browser.newPage();
    await page.goto(pageUrl);
    await page.waitForFunction(() => 'runChecks' in globalThis);
    return await page.evaluate(
      (input) => (globalThis as unknown as { runChecks: (input: unknown) => Promise<unknown> }).runChecks(input),
      pageInput(),
    );
  } finally {
    await browser.close();
  }
}

describe('the CORS page with a scoped key, built from the packed keycard', () => {
  test('Chromium', async () => {
    expectPagePassed(await runWithPuppeteer({ browser: 'chrome', executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs }));
  });

  test('Firefox ESR through WebDriver BiDi', async () => {
    expectPagePassed(await runWithPuppeteer({ browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true, protocol: 'webDriverBiDi' }));
  });

  test('WebKitGTK through WebKitWebDriver under xvfb-run', async () => {
    const session = await startWebDriverSession(['xvfb-run', '--auto-servernum', '/usr/bin/WebKitWebDriver'], {
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: miniBrowser, args: ['--automation'] },
    });
    try {
      await session.navigate(pageUrl);
      const result = await session.executeAsync(
        `const [input, done] = arguments;
         const start = () => ('runChecks' in globalThis ? globalThis.runChecks(input).then(done, (error) => done({ thrown: String(error) })) : setTimeout(start, 20));
         start();`,
        [pageInput()],
      );
      expectPagePassed(result);
    } finally {
      await session.close();
    }
  });
});
