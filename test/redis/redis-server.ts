// A throwaway redis-server (Debian's) on a random loopback port, without persistence, stopped by the test.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { once } from 'node:events';

/** A port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Stops the server (SIGTERM, then waits for it to exit). */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  restart(): Promise<void>;
}

/** A certificate and its key, as PEM files, for a server that speaks only TLS. */
export interface TlsFiles {
  certFile: string;
  keyFile: string;
}

async function launch(port: number, tls: TlsFiles | undefined): Promise<ChildProcess> {
  // With TLS the plain port is closed (0) and the random port speaks TLS only, so nothing reaches it in clear text.
  const listen = tls === undefined ? ['--port', String(port)] : ['--port', '0', '--tls-port', String(port), '--tls-cert-file', tls.certFile, '--tls-key-file', tls.keyFile, '--tls-auth-clients', 'no'];
  const child = spawn('redis-server', [...listen, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start on port ${port}: ${output}`)), 10_000);
    const poll = setInterval(async () => {
      const { createConnection } = await import('node:net');
      const socket = createConnection({ port, host: '127.0.0.1' });
      socket.once('connect', () => {
        socket.end();
        clearInterval(poll);
        clearTimeout(timer);
        resolve();
      });
      socket.once('error', () => socket.destroy());
    }, 20);
    child.once('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}: ${output}`));
    });
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await ready;
  child.removeAllListeners('exit');
  return child;
}

/** Starts redis-server on a free loopback port; with `tls`, it speaks only TLS there (`rediss://`). */
export async function startRedisServer(options: { tls?: TlsFiles } = {}): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | undefined = await launch(port, options.tls);
  const stop = async () => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null) return;
    const exited = once(running, 'exit');
    running.kill('SIGTERM');
    await exited;
  };
  return {
    port,
    url: `${options.tls === undefined ? 'redis' : 'rediss'}://127.0.0.1:${port}`,
    stop,
    async restart() {
      await stop();
      child = await launch(port, options.tls);
    },
  };
}

/**
 * A throwaway certificate authority and a server certificate it signed for 127.0.0.1, made with
 * Debian's openssl in `dir`: a client trusts the server through `caFile` only, as with a private CA.
 */
export function makeTlsFiles(dir: string): TlsFiles & { caFile: string } {
  const path = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  openssl('req', '-x509', ...ec, '-keyout', path('ca-key.pem'), '-out', path('ca.pem'), '-days', '1', '-subj', '/CN=keycard test CA');
  openssl('req', ...ec, '-keyout', path('server-key.pem'), '-out', path('server.csr'), '-subj', '/CN=127.0.0.1');
  writeFileSync(path('server.ext'), 'subjectAltName=IP:127.0.0.1\n');
  openssl('x509', '-req', '-in', path('server.csr'), '-CA', path('ca.pem'), '-CAkey', path('ca-key.pem'), '-CAcreateserial', '-days', '1', '-extfile', path('server.ext'), '-out', path('server.pem'));
  return { caFile: path('ca.pem'), certFile: path('server.pem'), keyFile: path('server-key.pem') };
}
