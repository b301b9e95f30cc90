// The shape of one API's part of `npm start`.
import type { ClientStats } from 'keycard';
import type { RunningSandbox } from 'keycard/sandbox';
import type { ProviderName } from '../../src/apis/registry.ts';

/** What a demo section gets when it runs against the sandbox. */
export interface DemoContext {
  /** The sandbox, served on 127.0.0.1: `urls`, `credentials`, `control`. */
  sandbox: RunningSandbox;
  /** Prints a step heading. */
  step: (title: string) => void;
  /** Prints a line of the transcript under the current step. */
  log: (line: string) => void;
  /** Registers a client so that its retries and refreshes appear in the closing counts; returns it. */
  track: <Client extends { readonly stats: ClientStats }>(client: Client) => Client;
}

/** One API's part of the demo. */
export interface DemoSection {
  /** Which API (also the name after `--live`). */
  api: ProviderName;
  /** Heading of the section. */
  title: string;
  /** Walks through the API's flows against the sandbox. */
  sandbox(context: DemoContext): Promise<void>;
  /**
   * The same client code against the real API, read-only, with credentials from the environment.
   * The client's ConfigurationError names what is missing when they are not set.
   */
  live(log: (line: string) => void): Promise<void>;
}
