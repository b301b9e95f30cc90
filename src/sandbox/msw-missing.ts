/** The message when msw cannot be loaded: names the package and the range keycard/sandbox needs. */
export const mswMissingMessage = 'keycard/sandbox needs msw, an optional peer dependency: install msw@^3 (npm i -D msw@^3)';

/** Whether a failed import or require says the package is absent (Node, Bun and Deno word it differently). */
export const isModuleNotFound = (error: unknown) =>
  error instanceof Error &&
  (['ERR_MODULE_NOT_FOUND', 'MODULE_NOT_FOUND'].includes(String((error as { code?: unknown }).code)) ||
    /cannot find (module|package)|could not find|not found/i.test(error.message));

/** The error to throw for a failed load of msw: the clear one when msw is absent, else the original. */
export const mswLoadError = (cause: unknown) => (isModuleNotFound(cause) ? new Error(mswMissingMessage, { cause }) : cause);
