import type { ApiPromise } from '../../src/index';

/**
 * The names of a client's methods that return a promise other than an `ApiPromise`: `never` when
 * every named method that sends a request has the one shape (so `.withResponse()` works everywhere).
 */
export type MethodsNotReturningApiPromise<Client> = {
  [Name in keyof Client]: Client[Name] extends (...args: never[]) => infer Result
    ? Result extends PromiseLike<unknown>
      ? Result extends ApiPromise<unknown>
        ? never
        : Name
      : never
    : never;
}[keyof Client];
