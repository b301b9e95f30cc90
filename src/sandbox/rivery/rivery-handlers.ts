import type { HttpHandler } from 'msw';
import type { EmulatorContext } from '../emulator-kit';
import { riveryLegacyHandlers } from './rivery-legacy-handlers';
import { riveryV1Handlers } from './rivery-v1-handlers';

/** Rivery's two hosts: the legacy console API and the v1 API. */
export function riveryHandlers(context: EmulatorContext): HttpHandler[] {
  return [...riveryLegacyHandlers(context), ...riveryV1Handlers(context)];
}
