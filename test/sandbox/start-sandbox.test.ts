import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sandboxHosts } from '../../src/sandbox/emulators';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.stop());

describe('startSandbox', () => {
  test('serves every API on 127.0.0.1, with the download storage on a second origin', () => {
    for (const url of Object.values(sandbox.urls)) expect(new URL(url).hostname).toBe('127.0.0.1');
    expect(new URL(sandbox.urls.rynkoStorage).origin).not.toBe(new URL(sandbox.urls.rynko).origin);
    expect(new URL(sandbox.urls.ryvion).origin).toBe(new URL(sandbox.urls.scrydon).origin);
  });

  test('every host is served under its own path: those marked for the second origin there, all others on the API origin', () => {
    const origins = { api: new Set<string>(), second: new Set<string>() };
    for (const [name, host] of Object.entries(sandboxHosts)) {
      const url = new URL(sandbox.urls[name as keyof typeof sandbox.urls]);
      expect(url.pathname, name).toBe(host.servedPath);
      origins[host.secondOrigin ? 'second' : 'api'].add(url.origin);
    }
    expect(origins.api.size).toBe(1);
    expect(origins.second.size).toBe(1);
    expect([...origins.second][0]).not.toBe([...origins.api][0]);
  });

  test('answers CORS preflights for credentialed browser calls', async () => {
    const response = await fetch(`${sandbox.urls.ryvion}/api/v1/auth/me`, {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:9', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization, x-api-key' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:9');
    expect(response.headers.get('access-control-allow-headers')).toBe('authorization, x-api-key');
  });

  test('an unknown route is a JSON 404 that browsers may read', async () => {
    const response = await fetch(`${sandbox.urls.ryvion}/nowhere`, { headers: { origin: 'http://127.0.0.1:9' } });
    expect(response.status).toBe(404);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:9');
    expect(await response.json()).toEqual({ message: 'No sandbox route for GET /ryvion/nowhere' });
  });

  test('stop closes the servers', async () => {
    const other = await startSandbox();
    const url = `${other.urls.rynko}/anything`;
    await fetch(url);
    await other.stop();
    await expect(fetch(url)).rejects.toThrow();
  });
});
