import { emulatorState } from '../emulator-kit';

/** A key's scope on Ryvion. */
export type RyvionScope = 'buyer' | 'read-only' | 'write-only';

export interface EmulatedKnowledgeBase {
  id: string;
  name: string;
  jurisdiction: string | null;
  createdAt: number;
}

export interface EmulatedChunk {
  id: string;
  content: string;
  page: number;
  vector: Float64Array;
}

export interface EmulatedDocument {
  id: string;
  knowledgeBaseId: string;
  filename: string;
  bytes: number;
  text: string;
  chunks: EmulatedChunk[];
  createdAt: number;
  /** How long chunking and embedding take once the document leaves the queue, in ms. */
  processingMs: number;
}

export interface EmulatedReceipt {
  cid: string;
  node: string;
  model: string | null;
  jurisdiction: string;
  /** The hub's job id, signed. */
  jobId: string;
  /** SHA-256 (hex) of the result payload, signed. */
  resultHash: string;
  /** Usage units billed, signed. */
  meteringUnits: number;
  /** The knowledge-base chunks a grounded answer drew on (unsigned metadata). */
  retrievedChunks: { chunk_id: string; document_id: string }[] | undefined;
  createdAt: number;
  /** The node's Ed25519 signature over the core record, `ed25519:<base64>`; made after the answer went out. */
  signature: Promise<string>;
}

/** An error event a streamed completion sends instead of the rest of its chunks. */
export interface StreamError {
  /** Chunks sent before the error event. @default 1 */
  afterChunks: number;
  /** The event's `error`, in Ryvion's error-body style. */
  error: { message: string; type: string; code: string; param: null };
}

/** A charge against a key's spending-velocity cap. */
interface Charge {
  at: number;
  microCad: number;
}

const hourMs = 3_600_000;
/** New accounts: $5 CAD per rolling hour. */
export const defaultSpendingCapMicroCad = 5_000_000;

/**
 * What the Ryvion emulator keeps beyond the shared control surface: knowledge bases and their
 * documents, issued receipts and the node key that signs them, per-key spending and key metadata.
 */
export class RyvionState {
  readonly knowledgeBases = new Map<string, EmulatedKnowledgeBase>();
  readonly documents = new Map<string, EmulatedDocument>();
  readonly receipts = new Map<string, EmulatedReceipt>();
  /** When each key was first seen or created, and last used. */
  readonly keyTimes = new Map<string, { createdAt: number; lastUsedAt: number | null }>();
  /** The spending-velocity cap of every key, in micro-CAD per rolling hour. */
  spendingCapMicroCad = defaultSpendingCapMicroCad;
  /** Pause before each event of a streamed completion, in ms (real time). @default 10 */
  streamIntervalMs = 10;
  /** Streamed completions opened, read to `[DONE]`, and cancelled by the client closing the connection. */
  readonly streams = { opened: 0, completed: 0, cancelled: 0 };
  readonly #streamErrors: StreamError[] = [];
  readonly #ledger = new Map<string, Charge[]>();
  #signer: Promise<CryptoKeyPair> | undefined;

  /** The node's Ed25519 key pair, made on first use. */
  signer(): Promise<CryptoKeyPair> {
    this.#signer ??= crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']) as Promise<CryptoKeyPair>;
    return this.#signer;
  }

  /**
   * Makes the next streamed completion send an error event after `afterChunks` chunks, e.g. a
   * node failure mid-answer: `{ code: 'server_error' }` (type `server_error`) by default.
   */
  injectStreamError(fault: { afterChunks?: number; code?: string; type?: string; message?: string } = {}): void {
    const { afterChunks = 1, code = 'server_error', type = 'server_error', message = 'The executing node failed mid-stream.' } = fault;
    this.#streamErrors.push({ afterChunks, error: { message, type, code, param: null } });
  }

  /** The stream error injected for the next streamed completion, if any. */
  takeStreamError(): StreamError | undefined {
    return this.#streamErrors.shift();
  }

  /** What a key spent in the hour before `now`, in micro-CAD. */
  spentInLastHour(key: string, now: number): number {
    const charges = (this.#ledger.get(key) ?? []).filter((charge) => charge.at > now - hourMs);
    this.#ledger.set(key, charges);
    return charges.reduce((sum, charge) => sum + charge.microCad, 0);
  }

  /** Whether spending `microCad` more now would cross the key's cap. */
  wouldExceedCap(key: string, microCad: number, now: number): boolean {
    return this.spentInLastHour(key, now) + microCad > this.spendingCapMicroCad;
  }

  /** Records `microCad` spent by a key at `now`, counted against its cap for the next hour. */
  charge(key: string, microCad: number, now: number): void {
    if (microCad <= 0) return;
    const charges = this.#ledger.get(key) ?? [];
    charges.push({ at: now, microCad });
    this.#ledger.set(key, charges);
  }
}

/**
 * The Ryvion emulator's state for a sandbox: e.g. `ryvionState(sandbox.control).spendingCapMicroCad
 * = 20_000` to reach the spending cap in a test. Starts afresh after `control.reset()`.
 */
export const ryvionState = emulatorState('ryvion', () => new RyvionState());
