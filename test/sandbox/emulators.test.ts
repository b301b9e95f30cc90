import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { defaultCredentials, emulators, sandboxHosts } from '../../src/sandbox/emulators';
import { createSandbox, publicUrls, SandboxControl } from '../../src/sandbox/index';
import { servedPaths } from '../../src/sandbox/sandbox-urls';

const names = emulators.map((emulator) => emulator.name);

describe('the list of emulators', () => {
  test('each emulator seeds its own accounts and keys: its default credentials work in a fresh control and after reset', () => {
    const control = new SandboxControl();
    for (const round of ['fresh', 'reset']) {
      for (const emulator of emulators) {
        if (emulator.auth === 'oauth') {
          const { clientSecret } = emulator.credentials as { clientSecret: string };
          expect(control.oauthClient(emulator.name, emulator.defaultClientId), `${round} ${emulator.name}`).toMatchObject({
            secret: clientSecret,
            disabled: false,
          });
        } else {
          expect(control.key(emulator.name, emulator.defaultKey)?.status, `${round} ${emulator.name}`).toBe('active');
        }
      }
      for (const emulator of emulators) {
        if (emulator.auth === 'oauth') control.rotateSecret(emulator.name);
        else control.revokeKey(emulator.name);
      }
      control.reset();
    }
  });

  test('token lifetimes start at, and reset to, each OAuth emulator’s own', () => {
    const control = new SandboxControl();
    const oauth = emulators.filter((emulator) => emulator.auth === 'oauth');
    expect(oauth.length).toBeGreaterThan(0);
    for (const emulator of oauth) {
      expect(control.tokenLifetime(emulator.name)).toBe(emulator.tokenLifetimeSec);
      control.setTokenLifetime(emulator.name, 5);
    }
    control.reset();
    for (const emulator of oauth) expect(control.tokenLifetime(emulator.name)).toBe(emulator.tokenLifetimeSec);
  });

  test('every emulator exports its state the same way: made on first use, kept, and made afresh by reset', () => {
    const control = new SandboxControl();
    for (const emulator of emulators) {
      const first = emulator.state(control);
      expect(first, emulator.name).toBeTypeOf('object');
      expect(emulator.state(control), emulator.name).toBe(first);
      control.reset();
      expect(emulator.state(control), emulator.name).not.toBe(first);
    }
  });

  test('the sandbox’s credentials, counters and URLs cover every emulator and every host, and nothing else', () => {
    const sandbox = createSandbox();
    expect(Object.keys(sandbox.credentials)).toEqual(names);
    expect(sandbox.credentials).toBe(defaultCredentials);
    expect(Object.keys(sandbox.control.totals())).toEqual(names);
    const hosts = emulators.flatMap((emulator) => Object.keys(emulator.hosts));
    expect(Object.keys(publicUrls).sort()).toEqual([...hosts].sort());
    expect(Object.keys(servedPaths).sort()).toEqual([...hosts].sort());
    expect(new Set(Object.values(servedPaths)).size).toBe(hosts.length);
    expect(new Set(Object.values(publicUrls)).size).toBe(hosts.length);
    for (const [name, host] of Object.entries(sandboxHosts)) expect(publicUrls[name as keyof typeof publicUrls]).toBe(host.publicUrl);
  });

  test('the files the emulators share name no API: they iterate over the list', () => {
    const shared = ['sandbox-control.ts', 'create-sandbox.ts', 'start-sandbox.ts', 'sandbox-urls.ts', 'emulator-kit.ts', 'define-emulator.ts'];
    const apiName = new RegExp(`\\b(${names.join('|')})`, 'i');
    for (const file of shared) {
      const code = readFileSync(new URL(`../../src/sandbox/${file}`, import.meta.url), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '');
      expect(code.match(apiName)?.[0], file).toBeUndefined();
    }
  });
});
