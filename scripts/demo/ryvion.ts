// Ryvion: an API key in either header, knowledge bases processed in the background, completions
// streamed chunk by chunk, a signed receipt for every response, and a spending cap that is never retried.
import { InsufficientScopeError, QuotaExceededError, RyvionClient, ServerError } from 'keycard/ryvion';
import { ryvionState } from 'keycard/sandbox';
import type { DemoSection } from './demo-kit';

export const ryvionDemo: DemoSection = {
  api: 'ryvion',
  title: 'Ryvion: API keys, knowledge bases, streamed completions and signed receipts',

  async sandbox({ sandbox, step, log, track }) {
    const { urls, control, credentials } = sandbox;
    const { apiKey, readOnlyKey } = credentials.ryvion;
    const counts = () => control.counts('ryvion');
    const short = (cid: string | undefined) => (cid === undefined ? 'none' : `${cid.slice(0, 24)}…`);

    step('The same key as Authorization: Bearer and as X-API-Key: Ryvion takes both alike');
    const bearer = track(new RyvionClient({ apiKey, baseUrl: urls.ryvion }));
    const xApiKey = track(new RyvionClient({ apiKey, baseUrl: urls.ryvion, header: 'x-api-key' }));
    const [viaBearer, viaHeader] = await Promise.all([bearer.me(), xApiKey.me()]);
    log(`Bearer: ${viaBearer.email} with scopes ${viaBearer.scopes.join(', ')}`);
    log(`X-API-Key: ${viaHeader.email} with scopes ${viaHeader.scopes.join(', ')}`);

    step('A knowledge base, a document uploaded as multipart, processed on the sandbox clock');
    const kb = await bearer.createKnowledgeBase('handbook', { jurisdiction: 'CA' });
    const text = 'Refunds are paid within five business days.\n\nOrders ship from Montreal; delivery to Germany takes a week.';
    const uploaded = await xApiKey.uploadDocument(kb.id, new Blob([text], { type: 'text/plain' }), 'handbook.txt');
    log(`${kb.id} (${kb.jurisdiction}): ${uploaded.filename}, ${uploaded.bytes} bytes, ${uploaded.status}`);
    const question = 'how long until my refund is paid?';
    log(`search right away: ${(await bearer.searchKnowledgeBase(kb.id, question)).results.length} results (still processing)`);
    control.advanceClock(3_000);
    const { results, receiptCid } = await bearer.searchKnowledgeBase(kb.id, question, { limit: 1 });
    for (const result of results) log(`+3 s: ${result.similarity} ${result.metadata.filename} p.${result.metadata.page}: "${result.content.split('\n')[0]}"`);
    const graph = await bearer.knowledgeBaseGraph(kb.id);
    log(`graph: ${graph.nodes.filter((node) => node.type === 'entity').map((node) => node.label).join(', ')}`);

    step('The search’s receipt, looked up on the public receipts endpoint');
    const receipt = await bearer.getReceipt(receiptCid!);
    log(`${short(receipt.cid)} by ${receipt.node} (${receipt.model}): ${receipt.signature.slice(0, 20)}…, verified ${receipt.verified}`);

    step('A chat completion grounded in the knowledge base; its receipt names the node’s signed record and the chunks it drew on');
    const messages = [{ role: 'user' as const, content: question }];
    const completion = await bearer.chatCompletion({ model: 'phi-4', knowledge_base: kb.id, messages });
    log(`${completion.choices[0]?.message.content.split('\n')[0]} (${completion.usage.total_tokens} tokens)`);
    const chatReceipt = await bearer.getReceipt(completion.receiptCid!);
    log(`receipt ${short(chatReceipt.cid)}: job ${chatReceipt.job_id}, ${chatReceipt.metering_units} units, result ${chatReceipt.result_hash?.slice(0, 12)}…`);
    log(`retrieved chunks: ${(chatReceipt.metadata?.retrieved_chunks ?? []).map((chunk) => chunk.chunk_id).join(', ')}`);

    step('The same question streamed: chunks as the node writes them, typed, until [DONE]');
    const streamed = bearer.chatCompletion({ model: 'phi-4', knowledge_base: kb.id, messages, stream: true });
    const pieces: string[] = [];
    for await (const chunk of streamed) pieces.push(chunk.choices[0]?.delta.content ?? '');
    log(`${pieces.length} chunks: ${pieces.filter(Boolean).map((piece) => JSON.stringify(piece)).slice(0, 6).join(' ')} …`);
    const { response: streamResponse } = await streamed.withResponse();
    log(`stream receipt ${short(streamResponse.headers.get('x-ryvion-receipt-cid') ?? undefined)}`);

    step('Breaking out of a stream closes the connection; a node failing mid-stream is a typed error');
    let kept = 0;
    for await (const _chunk of bearer.chatCompletion({ model: 'phi-4', messages, stream: true })) if (++kept === 2) break;
    log(`kept ${kept} chunks, then broke off`);
    ryvionState(control).injectStreamError({ afterChunks: 3 });
    try {
      for await (const _chunk of bearer.chatCompletion({ model: 'phi-4', messages, stream: true })) kept += 1;
    } catch (error) {
      if (!(error instanceof ServerError)) throw error;
      log(`${error.name} ${error.code}: ${error.detail}`);
    }
    const { opened, completed, cancelled } = ryvionState(control).streams;
    log(`the sandbox saw ${opened} streams: ${completed} read to the end, ${cancelled} closed by the client`);

    step('Embeddings: one vector of 384 numbers per text');
    const { data: vectors } = await bearer.embeddings([question, 'delivery to Germany']);
    log(vectors.map((vector) => `#${vector.index}: ${vector.embedding.length} numbers`).join(', '));

    step('A read-only key may search, but not upload');
    const reader = track(new RyvionClient({ apiKey: readOnlyKey, baseUrl: urls.ryvion }));
    try {
      await reader.uploadDocument(kb.id, new Blob(['x']), 'x.txt');
    } catch (error) {
      if (!(error instanceof InsufficientScopeError)) throw error;
      log(`${error.name} ${error.status} ${error.code}: ${error.detail}`);
    }

    step('The spending-velocity cap: a QuotaExceededError at once, even for a GET that other 429s would retry');
    control.inject('ryvion', { status: 429, path: '/v1/models' });
    const before = counts().requests;
    try {
      await bearer.listModels();
    } catch (error) {
      if (!(error instanceof QuotaExceededError)) throw error;
      log(`${error.name} ${error.code}: ${error.detail}`);
      log(`requests sent: ${counts().requests - before}; retries by the client: ${bearer.stats.retries}`);
    }
  },

  async live(log) {
    // RYVION_API_KEY (any scope can call me(); listing needs buyer or read-only); read-only calls only.
    const ryvion = new RyvionClient();
    const account = await ryvion.me();
    log(`${account.email}: key scopes ${account.scopes.join(', ')}`);
    const { data: models } = await ryvion.listModels();
    log(`models: ${models.map((model) => model.id).join(', ')}`);
    const { knowledge_bases: knowledgeBases, receiptCid } = await ryvion.listKnowledgeBases();
    log(`${knowledgeBases.length} knowledge base(s)`);
    if (receiptCid !== undefined) {
      const receipt = await ryvion.getReceipt(receiptCid);
      log(`receipt ${receipt.cid} by ${receipt.node}: verified ${receipt.verified}`);
    }
  },
};
