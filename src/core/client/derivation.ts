import type { KeycardClient } from './client-types';

/**
 * What a built-in client's constructor receives when `withOptions()` derives it: the derived typed
 * client (same credentials, token cache and counters) and the state the original resolved from its
 * options. No entry exports it, and the public constructor signatures accept options only.
 */
export class Derivation<Paths extends {}, State> {
  readonly client: KeycardClient<Paths>;
  readonly state: State;

  constructor(client: KeycardClient<Paths>, state: State) {
    this.client = client;
    this.state = state;
  }
}

/** Builds an instance of `Client` around a derived typed client, through the constructor's hidden signature. */
export function derive<Paths extends {}, State, Instance>(
  Client: new (options?: never) => Instance,
  client: KeycardClient<Paths>,
  state: State,
): Instance {
  return new (Client as unknown as new (derivation: Derivation<Paths, State>) => Instance)(new Derivation(client, state));
}
