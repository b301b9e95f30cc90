import { apiCall } from '../../core/client/api-call';
import type { ApiPromise, ApiResult } from '../../core/client/api-promise';

/** The header in which Ryvion names the signed receipt of every request. */
const receiptHeader = 'x-ryvion-receipt-cid';

/**
 * A response body with the content address of its signed receipt added as `receiptCid`
 * (camel case, so it never collides with Ryvion's snake-case fields). `undefined` when the
 * response carried no `X-Ryvion-Receipt-CID`, e.g. when a browser was not allowed to read it.
 */
export type WithReceipt<T> = T & {
  /** Content address of the request's signed receipt (`ryv1:sha256:…`); look it up with `getReceipt`. */
  receiptCid: string | undefined;
};

/**
 * Makes the call and resolves to its body with the receipt's content address added;
 * `withResponse()` still works. A bad argument rejects the promise rather than throwing.
 */
export function withReceipt<T extends object>(call: () => ApiPromise<T>): ApiPromise<WithReceipt<T>> {
  const addReceipt = ({ data, response }: ApiResult<T>): ApiResult<WithReceipt<T>> => ({
    data: { ...data, receiptCid: response.headers.get(receiptHeader) ?? undefined },
    response,
  });
  return apiCall(() => {
    const result: Promise<ApiResult<WithReceipt<T>>> = call().withResponse().then(addReceipt);
    return result;
  });
}
