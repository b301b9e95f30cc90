// Lets Node run the TypeScript sources as they are (type stripping), for the sandbox server and for
// measuring keycard from src while dist cannot be built: src imports `./x` without an extension,
// which only bundlers resolve. Load with `node --import ./scripts/bench/src-hooks.ts`, or import it
// before a dynamic import() of src.
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (!specifier.startsWith('.') || !context.parentURL?.endsWith('.ts')) throw error;
      for (const suffix of ['.ts', '/index.ts']) {
        try {
          return nextResolve(`${specifier}${suffix}`, context);
        } catch {
          // try the next form
        }
      }
      throw error;
    }
  },
});
