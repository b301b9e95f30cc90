/** Where each emulated API lives: the real hosts in-process (msw), loopback URLs when served. */
export interface SandboxUrls {
  /** Ryvn API (`RYVN_API_URL`). */
  ryvnApi: string;
  /** Ryvn's Zitadel auth host (`RYVN_AUTH_URL`). */
  ryvnAuth: string;
  /** Ryvion API. */
  ryvion: string;
  /** Rivery's legacy API (`…/api`). */
  riveryLegacy: string;
  /** Rivery's v1 API. */
  rivery: string;
  /** Rynko API. */
  rynko: string;
  /** Where Rynko's signed download URLs point: another origin than the API. */
  rynkoStorage: string;
  /** A Scrydon tenant's API host. */
  scrydon: string;
  /** That tenant's auth host. */
  scrydonAuth: string;
}

/** The hosts the clients use by default; msw intercepts them in-process. */
export const publicUrls: SandboxUrls = {
  ryvnApi: 'https://api.ryvn.app',
  ryvnAuth: 'https://auth.ryvn.app',
  ryvion: 'https://api.ryvion.ai',
  riveryLegacy: 'https://console.rivery.io/api',
  rivery: 'https://api.rivery.io',
  rynko: 'https://api.rynko.dev',
  rynkoStorage: 'https://storage.rynko.dev',
  scrydon: 'https://sandbox.scrydon.example',
  scrydonAuth: 'https://auth.sandbox.scrydon.example',
};

/** Path prefixes of each API on the sandbox server (the Rynko storage has a server of its own). */
export const servedPaths: Record<Exclude<keyof SandboxUrls, 'rynkoStorage'>, string> = {
  ryvnApi: '/ryvn',
  ryvnAuth: '/ryvn-auth',
  ryvion: '/ryvion',
  riveryLegacy: '/rivery-console/api',
  rivery: '/rivery',
  rynko: '/rynko',
  scrydon: '/scrydon',
  scrydonAuth: '/scrydon-auth',
};
