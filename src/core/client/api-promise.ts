/** The body of a successful call together with its response. */
export interface ApiResult<T> {
  data: T;
  /** The HTTP response: headers such as rate-limit counters, request ids and receipts. */
  response: Response;
}

const pickData = <T>(result: ApiResult<T>): T => result.data;

/**
 * What every call returns: a promise of the response body that also lets you reach the response.
 * The body is only unwrapped when you await it, so `withResponse()` alone leaves no stray promise.
 *
 * @example
 * ```ts
 * const things = await api.GET('/things');
 * const { data, response } = await api.GET('/things').withResponse();
 * console.log(response.headers.get('x-ratelimit-remaining'));
 * ```
 */
export class ApiPromise<T> extends Promise<T> {
  readonly #result: Promise<ApiResult<T>>;
  #data: Promise<T> | undefined;

  constructor(result: Promise<ApiResult<T>>) {
    // The base promise is a placeholder; then/catch/finally below delegate to the real result.
    super((resolve) => resolve(undefined as T));
    this.#result = result;
  }

  // `then` of a derived promise must build plain promises, not call this constructor.
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  /** The body and the `Response` it came in. */
  withResponse(): Promise<ApiResult<T>> {
    return this.#result;
  }

  #body(): Promise<T> {
    this.#data ??= this.#result.then(pickData);
    return this.#data;
  }

  override then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#body().then(onFulfilled, onRejected);
  }

  override catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.#body().catch(onRejected);
  }

  override finally(onFinally?: (() => void) | null): Promise<T> {
    return this.#body().finally(onFinally);
  }
}
