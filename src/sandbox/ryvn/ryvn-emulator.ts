import type { Emulator } from '../emulator-kit';

/** The Ryvn API as PROVIDERS.md describes it. */
export const ryvnEmulator: Emulator = () => [];
