import type { Emulator } from '../emulator-kit';

/** The Rivery API as PROVIDERS.md describes it. */
export const riveryEmulator: Emulator = () => [];
