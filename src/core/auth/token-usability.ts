import type { AccessToken } from './auth';
import { tokenTiming, type TokenTiming } from './token-timing';

/** When a token is renewed in the background, and when it may no longer be sent. */
export type TokenPoints = TokenTiming;

/**
 * The points of a token obtained here: the refresh window, or the credential's own earlier
 * `renewAt` (a key read from a function is read again hourly).
 */
export function ownPoints(token: AccessToken): TokenPoints {
  const points = tokenTiming(token.issuedAt, token.expiresAt);
  points.refreshAt = Math.min(points.refreshAt, token.renewAt ?? Infinity);
  return points;
}

/**
 * The points of a token read from a shared store: the writer's renewal point where it chose one
 * before the hard margin, so that every process adopting the token renews at the same moment.
 */
export function sharedPoints(token: AccessToken): TokenPoints {
  const points = tokenTiming(token.issuedAt, token.expiresAt);
  const { renewAt } = token;
  if (renewAt !== undefined && renewAt < points.usableUntil) points.refreshAt = renewAt;
  return points;
}

/**
 * A renewal point for a fleet, chosen by the process that writes the token: random in the first
 * half of the refresh window, so that fleets sharing a store do not all renew at the window's edge,
 * while the holder still has half the window to exchange before anyone must wait.
 */
export function fleetRenewAt(token: AccessToken, random: () => number = Math.random): number {
  const { refreshAt, usableUntil } = ownPoints(token);
  return refreshAt + (random() * (usableUntil - refreshAt)) / 2;
}

/**
 * Whether a token found in the store (or obtained by another client in this process) can be
 * adopted instead of an exchange: before its refresh point; or, when it is not the token being
 * renewed, until its hard margin (the next call then renews it in the background).
 */
export function isAdoptable(points: TokenPoints, token: string, current: string | undefined, now: number): boolean {
  if (now < points.refreshAt) return true;
  return now < points.usableUntil && token !== current;
}
