// Ryvion against the sandbox: an API key, a knowledge base searched, and a scope the key lacks as
// a typed error. Run it with `node examples/ryvion.ts` after `npm run build`.
import { startSandbox } from 'keycard/sandbox';
import { InsufficientScopeError, RyvionClient } from 'keycard/ryvion';

const sandbox = await startSandbox();
try {
  const ryvion = new RyvionClient({ apiKey: sandbox.credentials.ryvion.apiKey, baseUrl: sandbox.urls.ryvion });
  const kb = await ryvion.createKnowledgeBase('handbook');
  const { results } = await ryvion.searchKnowledgeBase(kb.id, 'refunds');
  console.log(`${kb.name} (${kb.id}): ${results.length} results`);

  const readOnly = new RyvionClient({ apiKey: sandbox.credentials.ryvion.readOnlyKey, baseUrl: sandbox.urls.ryvion });
  try {
    await readOnly.createKnowledgeBase('not-allowed');
  } catch (error) {
    if (!(error instanceof InsufficientScopeError)) throw error;
    console.log(`${error.name}: ${error.status}`);
  }
} finally {
  await sandbox.stop();
}
