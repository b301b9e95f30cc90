// The CommonJS build as users load it: `require('keycard')` and `require('keycard/<api>')`, resolved
// through the package's own exports map. `npm test` builds dist/ before vitest runs, but vitest alone
// may find a stale dist/ or none: this file builds the CommonJS half of tsup.config.ts afresh, into a
// scratch copy of the package (its package.json, the .cjs files, and the dependencies it leaves out).
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Options } from 'tsup';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { providers } from '../../src/apis/registry';
import tsupConfig from '../../tsup.config.ts';

const root = join(import.meta.dirname, '../..');
const scratch = mkdtempSync(join(tmpdir(), 'keycard-cjs-'));
/** `require` as a module of the scratch package: `keycard` resolves to it by self-reference. */
const require = createRequire(join(scratch, 'index.js'));
const clientEntries = providers.map((provider) => `keycard/${provider.name}`);

beforeAll(async () => {
  const cjs = (tsupConfig as Options[]).find((config) => config.format?.includes('cjs'));
  if (cjs === undefined) throw new Error('tsup.config.ts has no CommonJS build');
  const entry = Object.fromEntries(Object.entries(cjs.entry as Record<string, string>).map(([name, path]) => [name, join(root, path)]));
  await build({ ...cjs, entry, outDir: join(scratch, 'dist'), dts: false, sourcemap: false, silent: true, config: false });
  const { name, type, exports } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name, type, exports }));
  symlinkSync(join(root, 'node_modules'), join(scratch, 'node_modules'), 'dir');
}, 60_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('require() of the CommonJS build', () => {
  test('createClient from require("keycard") builds a client', () => {
    const { apiKey, createClient } = require('keycard');
    expect(createClient({ baseUrl: 'https://api.example.com', auth: apiKey('key-1234567') }).baseUrl).toBe('https://api.example.com');
  });

  test.each(providers.map((provider) => [`keycard/${provider.name}`, provider.clientName, provider.exampleOptions] as const))('require("%s").%s builds a client', (entry, name, options) => {
    const Client = require(entry)[name];
    expect(new Client(options)).toBeInstanceOf(Client);
  });

  test('an error thrown by keycard/rynko is an instance of the classes keycard exports', () => {
    const { RynkoClient } = require('keycard/rynko');
    const { ConfigurationError, KeycardError } = require('keycard');
    expect(() => new RynkoClient({ apiKey: '' })).toThrow(ConfigurationError);
    expect(() => new RynkoClient({ apiKey: '' })).toThrow(KeycardError);
  });

  test.each(clientEntries)('%s re-exports the error classes of keycard, the same classes', (entry) => {
    const keycard = require('keycard');
    const api = require(entry);
    for (const name of ['KeycardError', 'ApiError', 'NotFoundError', 'ConfigurationError', 'RateLimitError']) {
      expect(api[name], name).toBe(keycard[name]);
    }
  });
});
