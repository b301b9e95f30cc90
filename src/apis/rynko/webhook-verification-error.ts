import { KeycardError } from '../../core/errors/keycard-error';

/** Why a webhook delivery was not accepted. */
export type WebhookFailureReason =
  | 'missing-signature'
  | 'malformed-signature'
  | 'timestamp-outside-tolerance'
  | 'signature-mismatch'
  | 'invalid-payload';

/**
 * A webhook delivery failed verification: treat the body as untrusted and answer 400. The message
 * says why; it never contains the secret or the expected signature.
 */
export class WebhookVerificationError extends KeycardError {
  override name = 'WebhookVerificationError';
  /** What failed, for branching without parsing the message. */
  readonly reason: WebhookFailureReason;

  constructor(reason: WebhookFailureReason, message: string) {
    super(`Webhook rejected (${reason}): ${message}`);
    this.reason = reason;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), reason: this.reason };
  }
}
