// msw-peer.ts for the CommonJS build, which has no top-level await: require order is evaluation
// order there, so a synchronous require can still say what to install when msw is absent.
import type * as Msw from 'msw';
import { mswLoadError } from './msw-missing';

declare const require: (id: string) => unknown;

function loadMsw(): typeof Msw {
  try {
    return require('msw') as typeof Msw;
  } catch (cause) {
    throw mswLoadError(cause);
  }
}

export const { getResponse, http, HttpResponse } = loadMsw();
