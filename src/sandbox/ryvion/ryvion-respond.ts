import { HttpResponse } from '../msw-peer';
import { newId as prefixedId, randomHex } from '../emulator-kit';
import type { SandboxControl } from '../sandbox-control';
import { ryvionState, type EmulatedReceipt, type RyvionState } from './ryvion-state';
import { sha256Hex } from './sha256';

/** Where a receipt says a request ran. */
export interface ReceiptSubject {
  /** Model that ran, for inference. */
  model?: string | null;
  /** Jurisdiction of the node, e.g. `CA`. @default 'CA' */
  jurisdiction?: string | null;
  /** Usage units billed, e.g. tokens for inference. @default 1 */
  meteringUnits?: number;
  /** The knowledge-base chunks a grounded answer drew on. */
  retrievedChunks?: { chunk_id: string; document_id: string }[];
}

const base64 = (bytes: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(bytes)));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));

/** An id with Ryvion's prefix style: `kb_…`, `doc_…`, `chunk_…`. */
export const newId = (prefix: string, bytes = 6) => prefixedId(prefix, bytes);

/** The sandbox node a request in this jurisdiction runs on. */
export const nodeFor = (jurisdiction: string | null | undefined) => `n_${(jurisdiction ?? 'CA').toLowerCase()}_sandbox_01`;

/** The node's public key, `ed25519:<base64>`. */
async function publicKeyText(state: RyvionState): Promise<string> {
  const { publicKey } = await state.signer();
  return `ed25519:${base64(await crypto.subtle.exportKey('raw', publicKey))}`;
}

/** The record the node signs, as the receipts page lists it: the job, the node's key, the result's hash, the units billed. */
const signedRecord = (receipt: EmulatedReceipt, nodePublicKey: string) =>
  new TextEncoder().encode(
    JSON.stringify({ job_id: receipt.jobId, node_public_key: nodePublicKey, result_hash: receipt.resultHash, metering_units: receipt.meteringUnits }),
  );

async function sign(state: RyvionState, receipt: EmulatedReceipt): Promise<string> {
  const { privateKey } = await state.signer();
  return `ed25519:${base64(await crypto.subtle.sign('Ed25519', privateKey, signedRecord(receipt, await publicKeyText(state))))}`;
}

/**
 * Addresses a receipt for a response and keeps it for `GET /v8/receipts/{cid}`. The address is
 * computed at once; the signature is made in the background, so that the answer never waits on
 * WebCrypto's thread pool (which fake timers in tests would overtake).
 */
function issueReceipt(state: RyvionState, content: string, subject: ReceiptSubject, now: number): string {
  const resultHash = sha256Hex(new TextEncoder().encode(content));
  const cid = `ryv1:sha256:${sha256Hex(new TextEncoder().encode(`${randomHex(16)}\n${resultHash}`))}`;
  const receipt: EmulatedReceipt = {
    cid,
    node: nodeFor(subject.jurisdiction),
    model: subject.model ?? null,
    jurisdiction: subject.jurisdiction ?? 'CA',
    jobId: newId('job', 12),
    resultHash,
    meteringUnits: subject.meteringUnits ?? 1,
    retrievedChunks: subject.retrievedChunks,
    createdAt: now,
    signature: Promise.resolve(''),
  };
  receipt.signature = sign(state, receipt);
  receipt.signature.catch(() => undefined); // read, and reported, by the receipt lookup
  state.receipts.set(cid, receipt);
  return cid;
}

/**
 * The headers Ryvion sends on every response: a request id and the `X-Ryvion-Receipt-CID` of a
 * freshly signed receipt for the body `text`.
 */
export function ryvionHeaders(control: SandboxControl, text: string, subject: ReceiptSubject = {}): Record<string, string> {
  return { 'x-request-id': newId('req', 12), 'x-ryvion-receipt-cid': issueReceipt(ryvionState(control), text, subject, control.now()) };
}

/**
 * Every answer of the emulator: the body with the headers of `ryvionHeaders`. A streamed body is
 * sent as it is written; its receipt covers `receiptText`, the result it carries.
 */
export function respond(
  control: SandboxControl,
  body: string | object | ReadableStream<Uint8Array>,
  init: { status?: number; contentType?: string; subject?: ReceiptSubject; receiptText?: string } = {},
): Response {
  const stream = body instanceof ReadableStream;
  const text = stream ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  return new HttpResponse(stream ? body : text, {
    status: init.status ?? 200,
    headers: { 'content-type': init.contentType ?? 'application/json', ...ryvionHeaders(control, init.receiptText ?? text, init.subject) },
  });
}

/** Error `type` per status, in OpenAI's vocabulary. */
function errorType(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 429) return 'rate_limit_error';
  if (status === 504) return 'timeout_error';
  return status >= 500 ? 'server_error' : 'invalid_request_error';
}

/** Ryvion's OpenAI-style error body. */
export function errorBody(status: number, code: string, message: string, param: string | null = null) {
  return { error: { message, type: errorType(status), code, param } };
}

/** The message of the documented 429 body. */
export const spendingMessage = (capMicroCad: number) =>
  `Spending velocity limit exceeded. Current limit: $${(capMicroCad / 1_000_000).toFixed(2)} CAD/hour.`;

/** The body of an injected fault: the error Ryvion sends with that status. */
export function faultBody(status: number) {
  if (status === 401) return errorBody(401, 'invalid_api_key', 'Invalid API key.');
  if (status === 403) return errorBody(403, 'insufficient_scope', "This API key's scope does not allow this request.");
  if (status === 429) return errorBody(429, 'spending_velocity_exceeded', spendingMessage(5_000_000));
  if (status === 504) return errorBody(504, 'gateway_timeout', 'The executing node did not answer within 30 s.');
  if (status >= 500) return errorBody(status, 'server_error', 'The hub failed to process the request.');
  return errorBody(status, 'invalid_request', 'The request was rejected.');
}

/** An error answer, with its receipt. */
export function fail(control: SandboxControl, status: number, code: string, message: string, param: string | null = null) {
  return respond(control, errorBody(status, code, message, param), { status });
}

/** A 401 answer, counted as a rejected request. */
export function reject(control: SandboxControl, code: string, message: string) {
  control.counts('ryvion').rejected += 1;
  return fail(control, 401, code, message);
}

/** The 429 of the spending-velocity cap. */
export function capExceeded(control: SandboxControl) {
  return fail(control, 429, 'spending_velocity_exceeded', spendingMessage(ryvionState(control).spendingCapMicroCad));
}

/**
 * A receipt as `GET /v8/receipts/{cid}` answers it: the developers page's `{cid, node, model,
 * signature, verified}`, the signed core record the receipts page names, and its unsigned metadata.
 */
export async function receiptJson(state: RyvionState, receipt: EmulatedReceipt) {
  const signature = await receipt.signature;
  const { publicKey } = await state.signer();
  const nodePublicKey = await publicKeyText(state);
  const signed = signedRecord(receipt, nodePublicKey);
  const verified = await crypto.subtle.verify('Ed25519', publicKey, fromBase64(signature.replace(/^ed25519:/, '')), signed);
  const { cid, node, model, jobId, resultHash, meteringUnits, jurisdiction, createdAt, retrievedChunks } = receipt;
  return {
    cid,
    node,
    model,
    signature,
    verified,
    job_id: jobId,
    node_public_key: nodePublicKey,
    result_hash: resultHash,
    metering_units: meteringUnits,
    metadata: {
      ...(model === null ? {} : { model }),
      jurisdiction,
      created_at: new Date(createdAt).toISOString(),
      ...(retrievedChunks === undefined ? {} : { retrieved_chunks: retrievedChunks }),
    },
  };
}
