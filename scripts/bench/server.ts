// The sandbox in a process of its own, so that the bench process measures only the client's CPU.
// Run by bench.ts as `node --import ./scripts/bench/src-hooks.ts scripts/bench/server.ts` with an IPC
// channel: prints `{ urls, credentials }` as one JSON line on stdout, then answers control
// messages `{ id, method, args }` with `{ id, result }` or `{ id, error }` until the parent disconnects.
import { startSandbox } from '../../src/sandbox/index.ts';

const sandbox = await startSandbox();
const { control, credentials, urls } = sandbox;

// When each token was issued (sandbox clock), for the renewal measurement.
const issued: number[] = [];
const issueToken = control.issueToken.bind(control);
control.issueToken = (...args) => {
  issued.push(control.now());
  return issueToken(...args);
};

process.stdout.write(`${JSON.stringify({ urls, credentials })}\n`);

type Message = { id: number; method: string; args: unknown[] };
const special: Record<string, (...args: never[]) => unknown> = {
  issuedSince: (index: number) => issued.slice(index),
  issuedCount: () => issued.length,
};

process.on('message', (message: Message) => {
  try {
    const own = special[message.method];
    const method = (control as unknown as Record<string, unknown>)[message.method];
    let result: unknown;
    if (own !== undefined) result = (own as (...args: unknown[]) => unknown)(...message.args);
    else if (typeof method === 'function') result = method.apply(control, message.args);
    else throw new Error(`no control method ${message.method}`);
    process.send?.({ id: message.id, result: result === undefined ? null : structuredClone(result) });
  } catch (error) {
    process.send?.({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});

process.on('disconnect', () => {
  void sandbox.stop().then(() => process.exit(0));
});
