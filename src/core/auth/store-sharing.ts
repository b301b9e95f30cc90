import type { Auth } from './auth';
import type { StoreSharing } from './shared-exchange';

/**
 * Where an `Auth` made by keycard keeps the code that shares its tokens through a store
 * (`shareThroughStore`). A symbol of its own, in a module of its own, so that the token cache can
 * look for it without bundling that code.
 */
export const storeSharing = Symbol('keycard.store-sharing');

/** An `Auth` made by keycard that can share its tokens, carrying the code to do it. */
export interface SharingAuth extends Auth {
  readonly [storeSharing]?: StoreSharing;
}
