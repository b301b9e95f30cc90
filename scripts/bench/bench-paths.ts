// A minimal OpenAPI `paths` type for the two GETs the bench makes, so that every openapi-fetch based
// variant is typed the same way whichever route is measured.
type Get = {
  parameters: { query?: never; header?: never; path?: never; cookie?: never };
  requestBody?: never;
  responses: { 200: { headers: { [name: string]: unknown }; content: { 'application/json': Record<string, unknown> } } };
};
type PathItem = {
  parameters: { query?: never; header?: never; path?: never; cookie?: never };
  get: Get;
  put?: never;
  post?: never;
  delete?: never;
  options?: never;
  head?: never;
  patch?: never;
  trace?: never;
};

export type BenchPaths = {
  '/api/v1/service-account/whoami': PathItem;
  '/api/v1/auth/me': PathItem;
};

export type BenchPath = keyof BenchPaths;
