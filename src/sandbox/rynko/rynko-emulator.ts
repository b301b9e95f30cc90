import type { Emulator } from '../emulator-kit';

/** The Rynko API as PROVIDERS.md describes it. */
export const rynkoEmulator: Emulator = () => [];
