import { describe, expect, test } from 'vitest';
import { providers } from '../../src/apis/registry';
import * as keycard from '../../src/index';

const errorNames = Object.entries(keycard)
  .filter(([, value]) => typeof value === 'function' && (value === keycard.KeycardError || value.prototype instanceof keycard.KeycardError))
  .map(([name]) => name);

describe.each(providers.map((provider) => [`keycard/${provider.name}`, provider] as const))('%s', (_entry, provider) => {
  const load = () => import(`../../src/apis/${provider.name}/index.ts`) as Promise<Record<string, unknown>>;

  test('exports its client, which builds from the provider’s example options', async () => {
    const Client = (await load())[provider.clientName] as new (options: unknown) => unknown;
    expect(typeof Client).toBe('function');
    expect(new Client(provider.exampleOptions)).toBeInstanceOf(Client);
  });

  test('re-exports every error class of keycard, the same classes', async () => {
    const module = await load();
    expect(errorNames.length).toBeGreaterThan(25);
    for (const name of errorNames) expect(module[name], name).toBe((keycard as Record<string, unknown>)[name]);
    expect(module.isKeycardError).toBe(keycard.isKeycardError);
  });
});
