import { DEBUG, NEVER } from './log-level';
import type { Observer } from './observer';
import { attemptView, failureView, requestView, retryView, type RequestView, type RetryReason } from './views';


/** The ky option that carries a call's watch to the watched `fetch`; ky hands unknown options on to `fetch`. */
export const watchOption = 'keycardWatch';

/**
 * One call as its observer sees it: numbers its attempts and reports each one, the retries between
 * them and how the call ended. Made only when the client's requests are watched.
 */
export class CallWatch {
  /** The call as first requested, for its span. */
  readonly view: RequestView;
  readonly #observer: Observer;
  readonly #secrets: () => readonly string[];
  /** The last attempt sent; the call itself as attempt 0 before the first. */
  #last: RequestView;

  /** `secrets`: the values the credential has read, scrubbed from URLs and messages wherever they appear. */
  constructor(observer: Observer, method: string, url: string, secrets: () => readonly string[] = () => []) {
    this.#observer = observer;
    this.#secrets = secrets;
    this.view = requestView(method, url, 1, secrets());
    this.#last = { ...this.view, attempt: 0 };
  }

  /** Sends one attempt through `fetch`, reporting it before it leaves and when it ends. */
  async send(fetch: typeof globalThis.fetch, request: Request, init: RequestInit | undefined): Promise<Response> {
    const view = requestView(request.method, request.url, this.#last.attempt + 1, this.#secrets());
    this.#last = view;
    this.#observer.emit('onRequest', NEVER, 'request', view);
    const startedAt = performance.now();
    // The response, or the error when none came: the attempt is reported either way.
    let outcome: unknown;
    try {
      outcome = await fetch(request, init);
      return outcome as Response;
    } catch (error) {
      outcome = error;
      throw error;
    } finally {
      this.#observer.emit('onResponse', DEBUG, 'attempt', attemptView(view, performance.now() - startedAt, outcome));
    }
  }

  /** The last attempt is to be sent again after `waitMs`. */
  retrying(reason: RetryReason, status: number | undefined, waitMs: number): void {
    this.#observer.emit('onRetry', DEBUG, 'retry', retryView(this.#last, reason, status, waitMs));
  }

  /** The call failed for good. */
  failed(error: unknown): void {
    // The call as requested (its URL already redacted), whatever hop the last attempt went to.
    const where = { method: this.view.method, url: this.view.url, attempts: this.#last.attempt };
    this.#observer.emit('onError', DEBUG, 'error', failureView('request', where, error, this.#secrets()));
  }
}

/**
 * The `fetch` a watched client's ky uses: an attempt that carries a call's watch is reported
 * through it, and the watch is taken off the init before the real `fetch` sees it.
 */
export function watchedFetch(fetch: typeof globalThis.fetch): typeof globalThis.fetch {
  return (input, init) => {
    const watch = (init as { [watchOption]?: CallWatch } | undefined)?.[watchOption];
    if (watch === undefined) return fetch(input, init);
    const { [watchOption]: _, ...rest } = init as RequestInit & { [watchOption]?: CallWatch };
    return watch.send(fetch, input as Request, rest);
  };
}
