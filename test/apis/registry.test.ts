// DESIGN.md: "one registry lists the providers for everything that iterates over them". A list of
// the APIs written out anywhere else is a list to forget a sixth API in.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { providers } from '../../src/apis/registry';
import { emulators } from '../../src/sandbox/emulators';

const root = join(import.meta.dirname, '../..');
const names = providers.map((provider) => provider.name);

/**
 * Where the APIs may be named together: the registry; each provider's own folder, spec and docs;
 * the providers' own tests (one folder each, and the tests that compare the clients); the README
 * and changelog, which describe them; package.json's exports, which `npm run generate -- --check`
 * holds to the registry.
 */
const allowed = [
  /^src\/apis\/registry\.ts$/,
  /^src\/apis\/[^/]+\//,
  /^openapi\//,
  /^docs\//,
  /^test\/apis\//,
  /^package\.json$/,
  /^README\.md$/,
  /^CHANGELOG\.md$/,
  // Each emulator's own folder, and the sandbox's list of emulators: client code must never import
  // the sandbox (msw), and the registry is read by client builds, so the sandbox keeps its list
  // beside its emulators, held to the registry by the test below.
  /^src\/sandbox\/emulators\.ts$/,
  /^src\/sandbox\/[^/]+\//,
  /^test\/sandbox\/[^/]+\//,
];

function files(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (['node_modules', 'dist', '.git'].includes(name) || name.startsWith('.')) return [];
    return statSync(path).isDirectory() ? files(path) : /\.(ts|js|json|md|yaml|yml)$/.test(name) ? [path] : [];
  });
}

/** The lines, or runs of up to six lines, that name every API: a list written out by hand. */
function listsOfApis(text: string): number[] {
  const lines = text.split('\n');
  const found: number[] = [];
  for (let index = 0; index < lines.length; index++) {
    const window = lines.slice(index, index + 6).join('\n').toLowerCase();
    if (names.every((name) => new RegExp(`\\b${name}\\b`).test(window))) {
      found.push(index + 1);
      index += 5;
    }
  }
  return found;
}

describe('the registry', () => {
  test('lists each API once, by a name that is its folder under src/apis', () => {
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(statSync(join(root, 'src/apis', name, 'index.ts')).isFile()).toBe(true);
  });

  test('no file outside the registry (and the providers’ own folders, specs and docs) lists the APIs', () => {
    const offenders = files(root)
      .map((path) => relative(root, path).split('\\').join('/'))
      .filter((path) => !allowed.some((pattern) => pattern.test(path)))
      .flatMap((path) => listsOfApis(readFileSync(join(root, path), 'utf8')).map((line) => `${path}:${line}`));
    expect(offenders).toEqual([]);
  });

  test('the sandbox emulates exactly the registry’s APIs, in its order', () => {
    expect(emulators.map((emulator) => emulator.name)).toEqual(names);
  });
});
