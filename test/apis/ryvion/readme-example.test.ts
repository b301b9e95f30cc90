import { expect, test, vi } from 'vitest';
import { QuotaExceededError, RyvionClient } from '../../../src/apis/ryvion/index';
import { useRyvionSandbox } from './ryvion-test-kit';

const { control, keys } = useRyvionSandbox();

/** The README's Ryvion example, verbatim between the markers (its import is the one above). */
async function readmeExample() {
  // ---- README ----
  const ryvion = new RyvionClient(); // RYVION_API_KEY from the environment

  const kb = await ryvion.createKnowledgeBase('handbook', { jurisdiction: 'CA' });
  const document = await ryvion.uploadDocument(kb.id, new Blob(['Refunds are paid within five business days.']), 'refunds.txt');
  console.log(`${document.filename}: ${document.status}`);

  try {
    const { data, response } = await ryvion
      .POST('/v1/chat/completions', { body: { model: 'phi-4', messages: [{ role: 'user', content: 'Hello' }] } })
      .withResponse();
    console.log(data.choices[0]?.message.content);

    // Every response names its signed receipt; anyone can look it up and verify it.
    const receipt = await ryvion.getReceipt(response.headers.get('x-ryvion-receipt-cid')!);
    console.log(`receipt from ${receipt.node} for ${receipt.model}: verified ${receipt.verified}`);
  } catch (error) {
    if (error instanceof QuotaExceededError) console.log(`spending cap reached: ${error.detail}`);
    else throw error;
  }
  // ---- end ----
}

function captureLogs() {
  const logged: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...values: unknown[]) => void logged.push(values.join(' ')));
  return logged;
}

test('the README example runs against the sandbox with the default URL and the key from the environment', async () => {
  vi.stubEnv('RYVION_API_KEY', keys.apiKey);
  const logged = captureLogs();
  await readmeExample();
  expect(logged).toEqual(['refunds.txt: queued', 'Sandbox answer from phi-4 to: Hello', 'receipt from n_ca_sandbox_01 for phi-4: verified true']);
});

test('its catch branch reports the spending cap', async () => {
  vi.stubEnv('RYVION_API_KEY', keys.apiKey);
  control.inject('ryvion', { status: 429, path: '/v1/chat/completions' });
  const logged = captureLogs();
  await readmeExample();
  expect(logged.at(-1)).toBe('spending cap reached: Spending velocity limit exceeded. Current limit: $5.00 CAD/hour.');
});
