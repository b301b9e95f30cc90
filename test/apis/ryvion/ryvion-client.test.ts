import { inspect } from 'node:util';
import { delay, http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { AbortError, ConfigurationError, InvalidApiKeyError, RyvionClient } from '../../../src/apis/ryvion/index';
import { settle, useFakeTime } from '../../helpers/fake-time';
import { recordingFetch, useRyvionSandbox } from './ryvion-test-kit';

const { server, control, keys } = useRyvionSandbox();

describe('options', () => {
  test('defaults to the real API and reads the key and URL from the environment', async () => {
    vi.stubEnv('RYVION_API_KEY', keys.apiKey);
    const ryvion = new RyvionClient();
    expect(ryvion.baseUrl).toBe('https://api.ryvion.ai');
    expect(await ryvion.me()).toMatchObject({ scopes: ['buyer'] });
    vi.stubEnv('RYVION_API_URL', 'http://127.0.0.1:8123/ryvion');
    expect(new RyvionClient().baseUrl).toBe('http://127.0.0.1:8123/ryvion');
  });

  test('an explicit key wins over the environment', async () => {
    vi.stubEnv('RYVION_API_KEY', 'ryv_from_environment');
    expect(await new RyvionClient({ apiKey: keys.readOnlyKey }).me()).toMatchObject({ scopes: ['read-only'] });
  });

  test('a missing key names the option and the environment variable', () => {
    vi.stubEnv('RYVION_API_KEY', '');
    expect(() => new RyvionClient({ apiKey: '' })).toThrow(ConfigurationError);
    expect(() => new RyvionClient()).toThrow(expect.objectContaining({ option: 'apiKey', message: expect.stringContaining('RYVION_API_KEY') }));
  });

  test.each([
    [{ apiKey: 'ryv_x', timeout: 5 }, 'timeout', /did you mean `timeoutMs`/],
    [{ apiKey: 'ryv_x', baseUrl: 'https://api.ryvion.ai/v1' }, 'baseUrl', /without `\/v1`/],
    [{ apiKey: 'ryv_x', baseUrl: 'http://api.ryvion.ai' }, 'baseUrl', /https/],
    [{ apiKey: 'ryv_x', header: 'cookie' }, 'header', /'authorization' or 'x-api-key'/],
    [{ apiKey: 'ryv x' }, 'apiKey', /whitespace/],
    [{ apiKey: 'ryv_x', maxRetries: -1 }, 'maxRetries', /whole number/],
    ['ryv_x', 'options', /RyvionClient expects an options object, got a string/],
    [['ryv_x'], 'options', /RyvionClient expects an options object, got an array/],
  ])('%j is refused, naming %s', (options, option, message) => {
    expect(() => new RyvionClient(options as never)).toThrow(expect.objectContaining({ name: 'ConfigurationError', option, message: expect.stringMatching(message) }));
  });

  test('a bad argument to a named method rejects, names the argument, and sends nothing', async () => {
    const ryvion = new RyvionClient({ apiKey: keys.apiKey });
    await expect(ryvion.searchKnowledgeBase('', 'refunds')).rejects.toMatchObject({ name: 'ConfigurationError', option: 'knowledgeBaseId' });
    await expect(ryvion.searchKnowledgeBase('kb_1', 'refunds', { limit: 0 })).rejects.toMatchObject({ option: 'limit' });
    await expect(ryvion.uploadDocument('kb_1', 'text' as never, 'a.txt')).rejects.toMatchObject({ option: 'file' });
    await expect(ryvion.uploadDocument('kb_1', new Blob(['x']), '')).rejects.toMatchObject({ option: 'filename' });
    await expect(ryvion.createApiKey(' ')).rejects.toMatchObject({ option: 'name' });
    expect(control.counts('ryvion').requests).toBe(0);
  });
});

describe('timeouts', () => {
  beforeEach(useFakeTime);
  afterEach(() => vi.useRealTimers());

  // "A little over Ryvion's own 30 s limit, so that its 504 arrives rather than a local timeout."
  test('timeoutMs: undefined keeps the 35 s attempt timeout', async () => {
    server.use(
      http.get('https://api.ryvion.ai/v1/models', async () => {
        await delay(32_000);
        return HttpResponse.json({ object: 'list', data: [] });
      }),
    );
    const ryvion = new RyvionClient({ apiKey: keys.apiKey, maxRetries: 0, timeoutMs: undefined });
    expect(await settle(ryvion.listModels())).toEqual({ object: 'list', data: [] });
  });
});

describe('the key', () => {
  test('goes as a bearer token by default, or alone in X-API-Key; Ryvion takes both alike', async () => {
    const bearer = recordingFetch();
    const header = recordingFetch();
    const viaBearer = await new RyvionClient({ apiKey: keys.apiKey, fetch: bearer.fetch }).me();
    const viaHeader = await new RyvionClient({ apiKey: keys.apiKey, header: 'x-api-key', fetch: header.fetch }).me();
    expect(bearer.sent).toEqual([{ authorization: `Bearer ${keys.apiKey}`, xApiKey: null, url: 'https://api.ryvion.ai/api/v1/auth/me' }]);
    expect(header.sent).toEqual([{ authorization: null, xApiKey: keys.apiKey, url: 'https://api.ryvion.ai/api/v1/auth/me' }]);
    const { receiptCid: _a, ...bearerAccount } = viaBearer;
    const { receiptCid: _b, ...headerAccount } = viaHeader;
    expect(headerAccount).toEqual(bearerAccount);
  });

  test('given as a function, is read when first needed', async () => {
    const read = vi.fn(async () => keys.writeOnlyKey);
    const ryvion = new RyvionClient({ apiKey: read });
    expect(read).not.toHaveBeenCalled();
    expect(await ryvion.me()).toMatchObject({ scopes: ['write-only'] });
    expect(read).toHaveBeenCalledOnce();
  });

  test('never appears in the client, its errors or their JSON', async () => {
    const secret = 'ryv_unknown_but_secret_1234';
    const ryvion = new RyvionClient({ apiKey: secret });
    expect(inspect(ryvion, { depth: 5 })).not.toContain(secret);
    const error = await ryvion.listModels().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidApiKeyError);
    expect(`${String(error)} ${JSON.stringify(error)} ${inspect(error, { depth: 5 })}`).not.toContain(secret);
  });

  test('per-call signals abort the call', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(new RyvionClient({ apiKey: keys.apiKey }).listModels({ signal: controller.signal })).rejects.toBeInstanceOf(AbortError);
  });
});

describe('openAIConfig', () => {
  test('points an OpenAI SDK at /v1 with the key', () => {
    const ryvion = new RyvionClient({ apiKey: keys.apiKey, baseUrl: 'http://127.0.0.1:8123/ryvion' });
    expect(ryvion.openAIConfig()).toEqual({ baseURL: 'http://127.0.0.1:8123/ryvion/v1', apiKey: keys.apiKey });
  });

  test('hands over a key given as a function as an async function that reads it', async () => {
    let current = 'ryv_first_key';
    const config = new RyvionClient({ apiKey: () => current }).openAIConfig();
    expect(config.baseURL).toBe('https://api.ryvion.ai/v1');
    if (typeof config.apiKey !== 'function') throw new Error('expected a function');
    expect(await config.apiKey()).toBe('ryv_first_key');
    current = 'ryv_rotated_key';
    expect(await config.apiKey()).toBe('ryv_rotated_key');
  });
});
