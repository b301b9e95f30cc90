import type { Emulator } from '../emulator-kit';

/** The Ryvion API as PROVIDERS.md describes it. */
export const ryvionEmulator: Emulator = () => [];
