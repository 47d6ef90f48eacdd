import { createHash } from 'node:crypto';
import type { MessageChannelName, Recipient } from '../consent/recipients';

export interface MessageAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** One rendered message for one recipient on one channel. */
export interface OutgoingMessage {
  tenantId: string;
  recipient: Recipient;
  /** Email subject (WhatsApp ignores it). */
  subject: string;
  body: string;
  attachments: MessageAttachment[];
  /**
   * Derived from the idempotency key (subscription + step + cycle + channel): the same message sent twice carries the
   * same id (email `Message-ID`, WhatsApp message key id), so that the receiving side drops the repeat.
   */
  messageId: string;
}

/**
 * Delivers rendered messages on one channel. `send` answers the provider's id for the message; it throws
 * {@link ChannelUnavailableError} when the channel cannot deliver now (WhatsApp not paired or logged out, no SMTP
 * settings), so that the caller falls back to the next channel; any other error is a fault and is retried.
 */
export interface MessageChannel {
  /** Recorded with every message, e.g. `smtp`, `whatsapp-baileys`, `whatsapp-sandbox`. */
  readonly name: string;
  readonly channel: MessageChannelName;
  send(message: OutgoingMessage): Promise<{ providerMessageId: string }>;
}

/** The channel cannot deliver now; the message moves to the next channel (WhatsApp → email). */
export class ChannelUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChannelUnavailableError';
  }
}

/** A message id for `idempotencyKey` that is the same on every attempt, e.g. `LUNAS3F2A…` (32 characters, the form of a WhatsApp message id). */
export function stableMessageId(idempotencyKey: string): string {
  return `LUNAS${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 27).toUpperCase()}`;
}
