// Simulated time for the client side: Date.now() runs ahead of the real clock by an offset that the
// bench advances, and the sandbox's clock is advanced by the same amount, so both agree. Install it
// before building a client: keycard's token cache reads the clock it finds at construction.
import type { ServerProcess } from './server-process.ts';

export interface VirtualClock {
  /** Moves both clocks forward. */
  advance(ms: number): Promise<void>;
  /** Puts Date.now back and the sandbox's clock back to real time. */
  uninstall(): Promise<void>;
}

export function installVirtualClock(server: ServerProcess): VirtualClock {
  const realNow = Date.now;
  let offsetMs = 0;
  Date.now = () => realNow() + offsetMs;
  return {
    async advance(ms) {
      offsetMs += ms;
      await server.control('advanceClock', ms);
    },
    async uninstall() {
      Date.now = realNow;
      await server.control('advanceClock', -offsetMs);
      offsetMs = 0;
    },
  };
}
