import { beforeEach } from 'vitest';
import { createSandbox } from '../../src/sandbox/index';
import { useFakeTime } from './fake-time';
import { useMswServer } from './msw-server';

/**
 * The in-process sandbox for a test file: msw serves the emulated APIs on their real hosts, so
 * clients keep their default URLs. Before each test the fake clock starts (with `fakeTime`), then
 * the sandbox's state and handlers start afresh.
 */
export function useSandbox(options: { fakeTime?: boolean } = {}) {
  const server = useMswServer();
  const sandbox = createSandbox();
  beforeEach(() => {
    if (options.fakeTime) useFakeTime();
    sandbox.control.reset();
    server.use(...sandbox.handlers);
  });
  return { server, sandbox, control: sandbox.control };
}
