import type { Emulator } from '../emulator-kit';

/** The Scrydon API as PROVIDERS.md describes it. */
export const scrydonEmulator: Emulator = () => [];
