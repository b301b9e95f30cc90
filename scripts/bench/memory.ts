// 5. Memory: heap used after 10k calls and then every 50k from 100k to 300k (each reading after
// full GCs), for keycard and, as the reference for what the stack underneath keeps, for
// openapi-fetch over a bare ky. The readings past 100k are there because Node's heap is not warm at
// 100k: ky joins every Request's signal to its own with AbortSignal.any, and Node keeps part of each
// joined signal until a lazy clean-up, so the heap of either client climbs over the first 100k
// calls and then stops climbing: later readings here fell anywhere from 18 to 30 MB as clean-ups
// ran (nodejs/node#54614 is the open report of what AbortSignal.any keeps).
// Each runs in a fresh process (memory-run.ts), so that neither starts on the other's heap. The
// calls go through each client's whole stack to a `fetch` that answers in memory like the sandbox's
// Scrydon: what is measured is what the client keeps (and 300k calls over loopback sockets would
// take longer than the whole bench may).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface MemorySettings {
  /** Calls made when each reading is taken: the first two are the comparison, the rest show where the heap stops. */
  readings: number[];
  concurrency: number;
}

export interface HeapGrowth {
  client: string;
  calls: number[];
  heapUsedBytes: number[];
  /** Last reading / first reading. */
  ratio: number;
  /** Growth from the first to the last reading, per call in between. */
  bytesPerCall: number;
  /** Growth between the last two readings, per call: whether it still grows. */
  lastBytesPerCall: number;
}

/** The floor of keycard's own stack. */
export const floorMemoryClient = 'openapi-fetch + ky';
export const memoryClients = ['keycard', floorMemoryClient];

/**
 * Runs the clients' processes side by side (one per core on a 2-core machine): each reads its own
 * heap, so sharing the machine changes how long they take, not what they measure.
 */
export async function memory(settings: MemorySettings, progress: (text: string) => void): Promise<HeapGrowth[]> {
  const here = import.meta.dirname;
  progress(`memory: ${settings.readings.at(-1)!.toLocaleString('en-US')} calls, ${memoryClients.join(' and ')} side by side`);
  return Promise.all(
    memoryClients.map(async (client) => {
      const { stdout } = await execFileAsync(
        process.execPath,
        ['--expose-gc', '--import', `${here}/src-hooks.ts`, `${here}/memory-run.ts`, client, String(settings.concurrency), ...settings.readings.map(String)],
        { encoding: 'utf8' },
      );
      return JSON.parse(stdout) as HeapGrowth;
    }),
  );
}
