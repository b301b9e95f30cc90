// Just enough of the W3C WebDriver protocol (over HTTP) to drive WebKitGTK's WebKitWebDriver: a
// session, a navigation, an async script, the end of the session.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

async function freePort() {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface WebDriverSession {
  navigate(url: string): Promise<void>;
  /** Runs `script` as an async script; its last argument is the callback that ends it. */
  executeAsync(script: string, args: unknown[]): Promise<unknown>;
  close(): Promise<void>;
}

/** Starts `command` (a WebDriver server taking `--port`) and opens a session with `capabilities`. */
export async function startWebDriverSession(command: string[], capabilities: Record<string, unknown>, deadlineMs = 30_000): Promise<WebDriverSession> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // Its own process group, so that closing ends the driver, the browser and the X server alike.
  const driver: ChildProcess = spawn(command[0]!, [...command.slice(1), `--port=${port}`], { detached: true, stdio: 'ignore' });
  const stop = () => {
    try {
      process.kill(-driver.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = (await response.json()) as { value: unknown };
    if (!response.ok) throw new Error(`WebDriver ${method} ${path}: ${response.status} ${JSON.stringify(answer.value)}`);
    return answer.value;
  };
  try {
    // The driver answers /status once it listens: poll it, bounded by the deadline.
    const until = Date.now() + deadlineMs;
    for (;;) {
      const ready = await call('GET', '/status').then(
        (value) => (value as { ready?: boolean }).ready === true,
        () => false,
      );
      if (ready) break;
      if (Date.now() > until || driver.exitCode !== null) throw new Error(`${command.join(' ')} did not become ready`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { sessionId } = (await call('POST', '/session', { capabilities: { alwaysMatch: capabilities } })) as { sessionId: string };
    return {
      navigate: async (url) => {
        await call('POST', `/session/${sessionId}/url`, { url });
      },
      executeAsync: (script, args) => call('POST', `/session/${sessionId}/execute/async`, { script, args }),
      close: async () => {
        await call('DELETE', `/session/${sessionId}`).catch(() => undefined);
        stop();
      },
    };
  } catch (error) {
    stop();
    throw error;
  }
}
