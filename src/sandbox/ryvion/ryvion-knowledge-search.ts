import type { EmulatedDocument, RyvionState } from './ryvion-state';
import { embed, similarity } from './ryvion-text';

/** Time a document waits in the queue before its processing starts. */
const queuedMs = 1_000;

/**
 * A document's status at `now`, derived from the sandbox clock: `queued` for its first second,
 * then `processing` (2 s, plus 1 s per 100 kB), then `ready`.
 */
export function documentStatus(document: EmulatedDocument, now: number): 'queued' | 'processing' | 'ready' {
  const elapsed = now - document.createdAt;
  if (elapsed < queuedMs) return 'queued';
  return elapsed < queuedMs + document.processingMs ? 'processing' : 'ready';
}

/** Documents of a knowledge base that are searchable at `now`. */
export function readyDocuments(state: RyvionState, knowledgeBaseId: string, now: number): EmulatedDocument[] {
  return [...state.documents.values()].filter((document) => document.knowledgeBaseId === knowledgeBaseId && documentStatus(document, now) === 'ready');
}

/** Search results as Ryvion documents them: the most similar chunks, best first. */
export function searchChunks(state: RyvionState, knowledgeBaseId: string, query: string, limit: number, now: number) {
  const target = embed(query);
  return readyDocuments(state, knowledgeBaseId, now)
    .flatMap((document) =>
      document.chunks.map((chunk) => ({
        chunk_id: chunk.id,
        content: chunk.content,
        similarity: Number(similarity(target, chunk.vector).toFixed(4)),
        metadata: { document_id: document.id, filename: document.filename, page: chunk.page },
      })),
    )
    .filter((result) => result.similarity > 0)
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, limit);
}
