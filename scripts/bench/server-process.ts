// Starts server.ts in a child process and talks to its SandboxControl over the IPC channel.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { SandboxUrls } from '../../src/sandbox/sandbox-urls.ts';
import type { defaultCredentials } from '../../src/sandbox/sandbox-control.ts';

/** The sandbox server process, as the bench sees it. */
export interface ServerProcess {
  urls: SandboxUrls;
  credentials: typeof defaultCredentials;
  /** Calls a SandboxControl method (or `issuedSince(index)`, `issuedCount()`) in the server. */
  control<T = unknown>(method: string, ...args: unknown[]): Promise<T>;
  stop(): Promise<void>;
}

type Reply = { id: number; result?: unknown; error?: string };

export async function startServerProcess(): Promise<ServerProcess> {
  const here = import.meta.dirname;
  const child = spawn(process.execPath, ['--import', `${here}/src-hooks.ts`, `${here}/server.ts`], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      for (const waiter of waiting.values()) waiter.reject(new Error(`the sandbox server exited (${code})`));
      waiting.clear();
      resolve();
    }),
  );
  const first = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      lines.close();
      resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`the sandbox server exited (${code}) before it was ready`)));
  });
  const ready = JSON.parse(first) as Pick<ServerProcess, 'urls' | 'credentials'>;

  let nextId = 0;
  child.on('message', (reply: Reply) => {
    const waiter = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (reply.error !== undefined) waiter?.reject(new Error(`sandbox control: ${reply.error}`));
    else waiter?.resolve(reply.result);
  });

  return {
    ...ready,
    control<T>(method: string, ...args: unknown[]) {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
        child.send({ id, method, args });
      });
    },
    async stop() {
      child.disconnect();
      await exited;
    },
  };
}
