/** A named option of a flow command, gathered with the others into the object its method takes. */
export interface CliFlowOption {
  /** One line for `--help`. */
  description: string;
  /** Whether the command refuses to run without it. @default false */
  required?: boolean;
  /** Whether the value is JSON (an object, a list) rather than a string. @default false */
  json?: boolean;
}

/**
 * A flow command, `keycard <api> <flow> …`: one named method of the API's client, and with
 * `--wait` its wait helper, fed with a field of the first answer.
 */
export interface CliFlow {
  /** One line for `--help`. */
  summary: string;
  /** The client method called: with the positional arguments in order, then the named options as one object (if any). */
  method: string;
  /** Names of the positional arguments, in order, e.g. `['riverId']`. @default [] */
  arguments?: readonly string[];
  /** Named options, by the field name the method reads (`--template-id` on the command line for `templateId`). @default {} */
  options?: Readonly<Record<string, CliFlowOption>>;
  /** What `--wait` does: the wait helper called with the answer's `id` field; `status` is the field shown as progress. */
  wait?: { method: string; id: string; status: string };
}

/** What `keycard <api> …` knows of an API besides its raw calls. */
export interface CliDefinition {
  /** Name in the sandbox's `urls` of each host option, so that `keycard sandbox` can point the host's variable at it. */
  sandboxHosts: Readonly<Record<string, string>>;
  /** The read `keycard doctor` makes for an API whose key is not exchanged: a client method that takes no argument. */
  check?: string;
  /** Flow commands, by the name typed after the API's. @default {} */
  flows?: Readonly<Record<string, CliFlow>>;
}
