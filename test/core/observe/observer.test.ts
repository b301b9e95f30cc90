import { tracingChannel } from 'node:diagnostics_channel';
import { describe, expect, test, vi } from 'vitest';
import { ConfigurationError } from '../../../src/core/errors/configuration-error';
import { DEBUG, INFO, NEVER } from '../../../src/core/observe/log-level';
import { createObserver, type ObserveOptions } from '../../../src/core/observe/observer';
import { findChannels, requestChannelName } from '../../../src/core/observe/tracing';
import { attemptView, failureView, requestView, retryView, tokenExchangeView, waitEndView } from '../../../src/core/observe/views';

/** A logger that keeps every line with its level. */
function capture() {
  const lines: string[] = [];
  const at = (level: string) => (line: string) => void lines.push(`${level} ${line}`);
  return { lines, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

const channels = findChannels(process.getBuiltinModule);
const observer = (options: ObserveOptions) => createObserver(options, { channels })!;
const get = requestView('GET', 'https://api.example.com/things?token=tok-123456', 1);
const storeFailure = (message: string) => failureView('token-store', { method: 'set', attempts: 0 }, new Error(message));

describe('observer', () => {
  test('debug writes one logfmt line per attempt: method, redacted URL, attempt, status, duration and request id', () => {
    const { lines, logger } = capture();
    const response = new Response(null, { status: 503, headers: { 'x-request-id': 'req_7' } });
    observer({ logger, logLevel: 'debug' }).emit('onResponse', DEBUG, 'attempt', attemptView(get, 41.6, response));
    expect(lines).toEqual(['debug keycard attempt method=GET url=https://api.example.com/things?token=%5BREDACTED%5D attempt=1 status=503 durationMs=42 requestId=req_7']);
  });

  test('a retry line gives the reason and the wait', () => {
    const { lines, logger } = capture();
    observer({ logger, logLevel: 'debug' }).emit('onRetry', DEBUG, 'retry', retryView(get, 'status', 429, 1500));
    expect(lines).toEqual(['debug keycard retry method=GET url=https://api.example.com/things?token=%5BREDACTED%5D attempt=1 reason=status status=429 waitMs=1500']);
  });

  test('values with spaces or quotes are quoted, so a line stays parseable', () => {
    const { lines, logger } = capture();
    observer({ logger, logLevel: 'debug' }).emit('onWaitEnd', DEBUG, 'wait-end', waitEndView('wait', 'job "42"', 5, 7_250, 'timeout'));
    expect(lines).toEqual(['debug keycard wait-end kind=wait target="job \\"42\\"" count=5 durationMs=7250 outcome=timeout']);
  });

  test('nothing is formatted below the level: a view is not even read', () => {
    let reads = 0;
    const view = Object.freeze({
      ...attemptView(get, 1, new Response(null)),
      get url() {
        reads += 1;
        return 'https://api.example.com/';
      },
    });
    const { lines, logger } = capture();
    const watcher = observer({ logger, logLevel: 'info' });
    watcher.emit('onResponse', DEBUG, 'attempt', view);
    watcher.emit('onRequest', NEVER, 'request', view);
    expect(reads).toBe(0);
    expect(lines).toEqual([]);
    watcher.emit('onResponse', INFO, 'attempt', view);
    expect(reads).toBe(1);
  });

  test('exchanges are info; a renewal failing while the token still serves is a warning; a failure callers wait on is an error', () => {
    const { lines, logger } = capture();
    const watcher = observer({ logger, logLevel: 'info' });
    watcher.tokenExchanged(tokenExchangeView('cc:abc', { mode: 'blocking', after401: false, durationMs: 30 }, { lifetimeMs: 3_600_000 }));
    watcher.tokenExchanged(tokenExchangeView('cc:abc', { mode: 'background', after401: false, durationMs: 30 }, { error: new Error('503') }));
    watcher.tokenExchanged(tokenExchangeView('cc:abc', { mode: 'blocking', after401: true, durationMs: 30 }, { error: new Error('503') }));
    expect(lines).toEqual([
      'info keycard token-exchange credential=cc:abc mode=blocking after401=false durationMs=30 outcome=ok lifetimeMs=3600000',
      'warn keycard token-exchange credential=cc:abc mode=background after401=false durationMs=30 outcome=failed error="Error: 503" (the current token still serves)',
      'error keycard token-exchange credential=cc:abc mode=blocking after401=true durationMs=30 outcome=failed error="Error: 503"',
    ]);
  });

  test('a degraded token store is warned about once, later failures only at debug', () => {
    const atWarn = capture();
    const warnOnly = observer({ logger: atWarn.logger, logLevel: 'warn' });
    warnOnly.storeFailed(storeFailure('ECONNREFUSED'));
    warnOnly.storeFailed(storeFailure('ECONNREFUSED'));
    expect(atWarn.lines).toEqual([
      'warn keycard token-store source=token-store method=set attempts=0 name=Error message=ECONNREFUSED (tokens are exchanged by this process until the store answers again; logged once)',
    ]);
    const atDebug = capture();
    const verbose = observer({ logger: atDebug.logger, logLevel: 'debug' });
    verbose.storeFailed(storeFailure('ECONNREFUSED'));
    verbose.storeFailed(storeFailure('ECONNREFUSED'));
    expect(atDebug.lines.map((line) => line.split(' ')[0])).toEqual(['warn', 'debug']);
  });

  test('hooks get the same frozen views the log lines are made of', () => {
    const seen: unknown[] = [];
    const watcher = observer({ logLevel: 'off', hooks: { onRequest: (view) => seen.push(view), onResponse: (view) => seen.push(view) } });
    const attempt = attemptView(get, 2, new Response(null));
    watcher.emit('onRequest', NEVER, 'request', get);
    watcher.emit('onResponse', DEBUG, 'attempt', attempt);
    expect(seen).toEqual([get, attempt]);
    expect(seen.every((view) => Object.isFrozen(view))).toBe(true);
  });

  test('a hook that throws is reported at warn, with secrets scrubbed, and never throws into the call', () => {
    const { lines, logger } = capture();
    const watcher = observer({
      logger,
      hooks: {
        onRetry: () => {
          throw new TypeError('hook broke on Bearer abcdef.ghijkl');
        },
      },
    });
    expect(() => watcher.emit('onRetry', DEBUG, 'retry', retryView(get, 'network', undefined, 10))).not.toThrow();
    expect(lines).toEqual(['warn keycard: the onRetry hook threw TypeError: hook broke on Bearer [REDACTED]; the call went on']);
  });

  test('an async hook that rejects is reported too', async () => {
    const { lines, logger } = capture();
    const watcher = observer({ logger, hooks: { onError: async () => Promise.reject(new Error('sink down')) } });
    watcher.emit('onError', DEBUG, 'error', failureView('request', { method: 'GET', url: 'https://api.example.com/', attempts: 3 }, new Error('boom')));
    await vi.waitFor(() => expect(lines).toEqual(['warn keycard: the onError hook threw Error: sink down; the call went on']));
  });

  test('a logger that throws does not throw into the call', () => {
    const fail = () => {
      throw new Error('disk full');
    };
    const broken = { debug: fail, info: fail, warn: fail, error: fail };
    expect(() => observer({ logger: broken, logLevel: 'debug' }).emit('onResponse', DEBUG, 'attempt', attemptView(get, 1, new Response(null)))).not.toThrow();
  });

  test('there is no observer when logging is off, no hook is set and the runtime has no tracing channels', () => {
    expect(createObserver({ logLevel: 'off' }, {})).toBeUndefined();
    expect(createObserver({}, { levelFromEnv: 'off' })).toBeUndefined();
    expect(createObserver({ logLevel: 'off', hooks: { onWaitEnd: () => {} } }, {})).toBeDefined();
  });

  test('requests are watched only for debug logging, a request hook or a subscriber to keycard:request', () => {
    expect(createObserver({}, { channels })?.watchesRequests).toBe(false);
    expect(createObserver({ logLevel: 'info', hooks: { onTokenExchange: () => {} } }, { channels })?.watchesRequests).toBe(false);
    expect(createObserver({ logLevel: 'debug' }, { channels })?.watchesRequests).toBe(true);
    expect(createObserver({ hooks: { onResponse: () => {} } }, { channels })?.watchesRequests).toBe(true);
    const ignore = () => {};
    const subscriber = { start: ignore, end: ignore, asyncStart: ignore, asyncEnd: ignore, error: ignore };
    tracingChannel(requestChannelName).subscribe(subscriber);
    try {
      expect(createObserver({}, { channels })?.watchesRequests).toBe(true);
    } finally {
      tracingChannel(requestChannelName).unsubscribe(subscriber);
    }
  });

  test('a bad logger or hook is a ConfigurationError naming it', () => {
    expect(() => createObserver({ logger: { info: () => {} } as never }, {})).toThrow(ConfigurationError);
    expect(() => createObserver({ logger: { info: () => {} } as never }, {})).toThrow(/`logger`: must have debug, info, warn and error methods/);
    expect(() => createObserver({ hooks: { onResponce: () => {} } as never }, {})).toThrow(/`hooks.onResponce`: is not a hook/);
    expect(() => createObserver({ hooks: { onRetry: 'log' } as never }, {})).toThrow(/`hooks.onRetry`: must be a function/);
  });
});
