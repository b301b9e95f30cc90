import { describe, expect, test, vi } from 'vitest';
import { RyvionClient, TimeoutError, type KnowledgeGraph } from '../../../src/apis/ryvion/index';
import { settle, useFakeTime } from '../../helpers/fake-time';
import { useRyvionSandbox } from './ryvion-test-kit';

const { control, keys } = useRyvionSandbox();
const handbook = 'Refunds are paid within five business days.\n\nOrders ship from Montreal to Canada and Germany.';

describe('knowledge bases', () => {
  test('are created with a jurisdiction and listed', async () => {
    const ryvion = new RyvionClient({ apiKey: keys.apiKey });
    const kb = await ryvion.createKnowledgeBase('handbook', { jurisdiction: 'CA' });
    expect(kb).toMatchObject({ id: expect.stringMatching(/^kb_/), name: 'handbook', jurisdiction: 'CA' });
    const plain = await ryvion.createKnowledgeBase('scratch');
    expect(plain.jurisdiction).toBeNull();
    const { knowledge_bases: listed } = await new RyvionClient({ apiKey: keys.readOnlyKey }).listKnowledgeBases();
    expect(listed.map((item) => item.id)).toEqual([kb.id, plain.id]);
  });

  test('an uploaded document is searchable once processed, as the sandbox clock advances', async () => {
    const ryvion = new RyvionClient({ apiKey: keys.apiKey });
    const kb = await ryvion.createKnowledgeBase('handbook');
    const uploaded = await new RyvionClient({ apiKey: keys.writeOnlyKey, header: 'x-api-key' }).uploadDocument(
      kb.id,
      new Blob([handbook], { type: 'text/plain' }),
      'handbook.txt',
    );
    expect(uploaded).toMatchObject({ knowledge_base_id: kb.id, filename: 'handbook.txt', status: 'queued', bytes: new Blob([handbook]).size });

    expect((await ryvion.searchKnowledgeBase(kb.id, 'when are refunds paid')).results).toEqual([]);
    control.advanceClock(3_000);
    const { results } = await ryvion.searchKnowledgeBase(kb.id, 'when are refunds paid');
    expect(results).toEqual([
      {
        chunk_id: expect.stringMatching(/^chunk_/),
        content: handbook,
        similarity: expect.any(Number),
        metadata: { document_id: uploaded.id, filename: 'handbook.txt', page: 1 },
      },
    ]);
  });

  test('waitForDocument polls until the document is processed, reporting each read', async () => {
    useFakeTime();
    try {
      const ryvion = new RyvionClient({ apiKey: keys.apiKey });
      const kb = await ryvion.createKnowledgeBase('handbook');
      const uploaded = await ryvion.uploadDocument(kb.id, new Blob([handbook]), 'handbook.txt');
      const reads: number[] = [];
      const graph = (await settle(ryvion.waitForDocument(kb.id, uploaded.id, { onProgress: (read) => void reads.push(read.nodes.length) }))) as KnowledgeGraph;
      expect(graph.nodes).toContainEqual({ id: uploaded.id, label: 'handbook.txt', type: 'document' });
      expect(reads.at(-1)).toBeGreaterThan(0);
      expect(reads.slice(0, -1).every((count) => count === 0)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  test('waitForDocument ends at its deadline, and rejects a missing id without a request', async () => {
    useFakeTime();
    try {
      const ryvion = new RyvionClient({ apiKey: keys.apiKey });
      const kb = await ryvion.createKnowledgeBase('handbook');
      expect(await settle(ryvion.waitForDocument(kb.id, 'doc_never', { timeoutMs: 5_000 }))).toBeInstanceOf(TimeoutError);
      const requests = control.counts('ryvion').requests;
      await expect(ryvion.waitForDocument(kb.id, '')).rejects.toMatchObject({ name: 'ConfigurationError', option: 'documentId' });
      expect(control.counts('ryvion').requests).toBe(requests);
    } finally {
      vi.useRealTimers();
    }
  });

  test('search returns the closest chunks first, up to the limit', async () => {
    const ryvion = new RyvionClient({ apiKey: keys.apiKey });
    const kb = await ryvion.createKnowledgeBase('faq');
    const topics = ['shipping takes a week', 'refunds take five days', 'invoices are due monthly', 'support answers within a day'];
    for (const [index, topic] of topics.entries()) {
      await ryvion.uploadDocument(kb.id, new File([`${topic}. ${'Background. '.repeat(80)}`], `faq-${index}.txt`), `faq-${index}.txt`);
    }
    control.advanceClock(3_000);
    const { results } = await ryvion.searchKnowledgeBase(kb.id, 'background on invoices due', { limit: 2 });
    expect(results).toHaveLength(2);
    expect(results[0]!.metadata.filename).toBe('faq-2.txt');
    expect(results[0]!.similarity).toBeGreaterThan(results[1]!.similarity);
    expect((await ryvion.searchKnowledgeBase(kb.id, 'background')).results).toHaveLength(4);
  });

  test('the graph shows processed documents and the names they mention', async () => {
    const ryvion = new RyvionClient({ apiKey: keys.apiKey });
    const kb = await ryvion.createKnowledgeBase('handbook');
    const uploaded = await ryvion.uploadDocument(kb.id, new Blob([handbook]), 'handbook.txt');
    expect(await ryvion.knowledgeBaseGraph(kb.id)).toMatchObject({ knowledge_base_id: kb.id, nodes: [], edges: [] });
    control.advanceClock(3_000);
    const graph = await ryvion.knowledgeBaseGraph(kb.id);
    expect(graph.nodes).toEqual([
      { id: uploaded.id, label: 'handbook.txt', type: 'document' },
      { id: expect.stringMatching(/^ent_/), label: 'Refunds', type: 'entity' },
      { id: expect.stringMatching(/^ent_/), label: 'Orders', type: 'entity' },
      { id: expect.stringMatching(/^ent_/), label: 'Montreal', type: 'entity' },
      { id: expect.stringMatching(/^ent_/), label: 'Canada', type: 'entity' },
      { id: expect.stringMatching(/^ent_/), label: 'Germany', type: 'entity' },
    ]);
    expect(graph.edges.every((edge) => edge.source === uploaded.id && edge.relation === 'mentions')).toBe(true);
  });

  test('the multipart upload carries the file under its name, whatever its type', async () => {
    const ryvion = new RyvionClient({ apiKey: keys.apiKey });
    const kb = await ryvion.createKnowledgeBase('binary');
    const pdfLike = new Blob([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d])], { type: 'application/pdf' });
    expect(await ryvion.uploadDocument(kb.id, pdfLike, 'spec.pdf')).toMatchObject({ filename: 'spec.pdf', bytes: 5 });
  });
});
