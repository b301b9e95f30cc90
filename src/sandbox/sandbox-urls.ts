import { sandboxHosts, type SandboxHosts } from './emulators';

/** Where each emulated API's hosts live: the real hosts in-process (msw), loopback URLs when served. */
export type SandboxUrls = { -readonly [Host in keyof SandboxHosts]: string };

const urlsOf = (pick: (host: (typeof sandboxHosts)[keyof SandboxHosts]) => string) =>
  Object.fromEntries(Object.entries(sandboxHosts).map(([name, host]) => [name, pick(host)])) as SandboxUrls;

/** The hosts the clients use by default; msw intercepts them in-process. */
export const publicUrls: SandboxUrls = urlsOf((host) => host.publicUrl);

/** Path prefixes of each host on the sandbox server; hosts on the second origin have a server of their own. */
export const servedPaths: SandboxUrls = urlsOf((host) => host.servedPath);

/** Names of the hosts served on the sandbox's second origin. */
export const secondOriginHosts = new Set(Object.entries(sandboxHosts).flatMap(([name, host]) => (host.secondOrigin ? [name] : [])));
