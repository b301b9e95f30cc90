import type { HttpHandler } from 'msw';
import type { SandboxControl } from '../sandbox-control';
import { documentStatus, readyDocuments, searchChunks } from './ryvion-knowledge-search';
import { embeddingModel, searchMicroCad } from './ryvion-models';
import { capExceeded, fail, newId, respond } from './ryvion-respond';
import { jsonObject } from '../emulator-kit';
import { isJurisdiction, ryvionRoute, scopes, type RouteContext } from './ryvion-route';
import type { EmulatedDocument, EmulatedKnowledgeBase } from './ryvion-state';
import { chunkText, countTokens, embed, entities, hash } from './ryvion-text';

const iso = (ms: number) => new Date(ms).toISOString();

const knowledgeBaseJson = ({ id, name, jurisdiction, createdAt }: EmulatedKnowledgeBase) => ({ id, name, jurisdiction, created_at: iso(createdAt) });

const documentJson = (document: EmulatedDocument, now: number) => ({
  id: document.id,
  knowledge_base_id: document.knowledgeBaseId,
  filename: document.filename,
  status: documentStatus(document, now),
  bytes: document.bytes,
  created_at: iso(document.createdAt),
});

/** The knowledge base named in the path, or the 404 to answer with. */
function knowledgeBaseOf({ params, state, control }: RouteContext): EmulatedKnowledgeBase | Response {
  const id = String(params.id);
  return state.knowledgeBases.get(id) ?? fail(control, 404, 'not_found', `No knowledge base ${id}.`);
}

/** The `/api/v1/knowledge-bases` endpoints: create, list, upload (processed with the clock), search, graph. */
export function knowledgeHandlers(base: string, control: SandboxControl): HttpHandler[] {
  const root = `${base}/api/v1/knowledge-bases`;
  return [
    ryvionRoute('get', root, scopes.read, control, async ({ state }) =>
      respond(control, { knowledge_bases: [...state.knowledgeBases.values()].map(knowledgeBaseJson) }),
    ),

    ryvionRoute('post', root, scopes.buyer, control, async ({ request, state }) => {
      const body = await jsonObject(request);
      if (typeof body?.name !== 'string' || body.name.trim() === '') return fail(control, 400, 'invalid_request', '`name` is required.', 'name');
      if (body.jurisdiction !== undefined && !isJurisdiction(body.jurisdiction)) {
        return fail(control, 400, 'invalid_request', '`jurisdiction` must be a two-letter code such as CA or DE.', 'jurisdiction');
      }
      const knowledgeBase = { id: newId('kb'), name: body.name, jurisdiction: (body.jurisdiction as string | undefined) ?? null, createdAt: control.now() };
      state.knowledgeBases.set(knowledgeBase.id, knowledgeBase);
      return respond(control, knowledgeBaseJson(knowledgeBase), { status: 201, subject: { jurisdiction: knowledgeBase.jurisdiction } });
    }),

    ryvionRoute('post', `${root}/:id/documents`, scopes.write, control, async (context) => {
      const knowledgeBase = knowledgeBaseOf(context);
      if (knowledgeBase instanceof Response) return knowledgeBase;
      const { request, key, state } = context;
      let file: FormDataEntryValue | null;
      try {
        file = (await request.formData()).get('file');
      } catch {
        return fail(control, 400, 'invalid_request', 'Send the document as multipart/form-data in a `file` field.', 'file');
      }
      if (!(file instanceof File)) return fail(control, 400, 'invalid_request', 'The multipart `file` field is missing or not a file.', 'file');
      if (file.size === 0) return fail(control, 400, 'invalid_request', 'The file is empty.', 'file');
      const text = await file.text();
      const now = control.now();
      // Embedding the document's chunks is paid for like any embedding.
      const cost = countTokens(text) * embeddingModel.microCadPerToken;
      if (state.wouldExceedCap(key, cost, now)) return capExceeded(control);
      state.charge(key, cost, now);
      const document: EmulatedDocument = {
        id: newId('doc'),
        knowledgeBaseId: knowledgeBase.id,
        filename: file.name || 'document',
        bytes: file.size,
        text,
        chunks: chunkText(text).map(({ content, page }) => ({ id: newId('chunk'), content, page, vector: embed(content) })),
        createdAt: now,
        processingMs: 2_000 + Math.floor(file.size / 100_000) * 1_000,
      };
      state.documents.set(document.id, document);
      return respond(control, documentJson(document, now), { status: 202, subject: { model: embeddingModel.id, jurisdiction: knowledgeBase.jurisdiction } });
    }),

    ryvionRoute('post', `${root}/:id/search`, scopes.read, control, async (context) => {
      const knowledgeBase = knowledgeBaseOf(context);
      if (knowledgeBase instanceof Response) return knowledgeBase;
      const { request, key, state } = context;
      const body = await jsonObject(request);
      if (typeof body?.query !== 'string' || body.query.trim() === '') return fail(control, 400, 'invalid_request', '`query` is required.', 'query');
      const limit = body.limit ?? 5;
      if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 100) {
        return fail(control, 400, 'invalid_request', '`limit` must be a whole number from 1 to 100.', 'limit');
      }
      const now = control.now();
      if (state.wouldExceedCap(key, searchMicroCad, now)) return capExceeded(control);
      state.charge(key, searchMicroCad, now);
      const results = searchChunks(state, knowledgeBase.id, body.query, limit, now);
      return respond(control, { results }, { subject: { model: embeddingModel.id, jurisdiction: knowledgeBase.jurisdiction } });
    }),

    ryvionRoute('get', `${root}/:id/graph`, scopes.read, control, async (context) => {
      const knowledgeBase = knowledgeBaseOf(context);
      if (knowledgeBase instanceof Response) return knowledgeBase;
      const nodes = new Map<string, { id: string; label: string; type: 'document' | 'entity' }>();
      const edges: { source: string; target: string; relation: string }[] = [];
      for (const document of readyDocuments(context.state, knowledgeBase.id, control.now())) {
        nodes.set(document.id, { id: document.id, label: document.filename, type: 'document' });
        for (const name of entities(document.text)) {
          const id = `ent_${hash(name.toLowerCase()).toString(16).padStart(8, '0')}`;
          nodes.set(id, { id, label: name, type: 'entity' });
          edges.push({ source: document.id, target: id, relation: 'mentions' });
        }
      }
      return respond(control, { knowledge_base_id: knowledgeBase.id, nodes: [...nodes.values()], edges }, { subject: { jurisdiction: knowledgeBase.jurisdiction } });
    }),
  ];
}
