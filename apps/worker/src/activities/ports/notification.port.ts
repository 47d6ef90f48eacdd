import type { MessageTemplateKind } from '@lunas/contracts';
import type { Recipient } from '@lunas/messaging';

/** One customer message, rendered by the adapter from the mitra's template and the values. */
export interface OutgoingNotification {
  tenantId: string;
  /** Absent for a message that is not about a subscription (a bulk broadcast). */
  subscriptionId?: string;
  customerId: string;
  invoiceId?: string;
  template: MessageTemplateKind;
  /** The mitra's texts of `template`, or the built-in ones (read with the customer: one query per message). */
  variants: readonly string[];
  /** The channels the customer agreed to, in the order to try (WhatsApp, then email as the fallback); never empty. */
  recipients: Recipient[];
  /** Template values: customer and business names, invoice number, amounts (integer rupiah), ISO dates, pay link. */
  vars: Record<string, string | number>;
  /** Derived from the workflow (`<subscription>:<period>:<step>`); each channel adds its name to it. */
  idempotencyKey: string;
}

/**
 * Sends customer messages (WhatsApp, email). `send` is idempotent by `idempotencyKey`: the first call delivers on
 * the first channel that can and answers `sent` (a stand-in that only records the message answers `simulated`;
 * `failed` when no channel could deliver, with the reasons in the message log), every later call with the same key
 * after a delivery answers `duplicate` and delivers nothing. Faults throw (the activity is retried).
 */
export interface NotificationPort {
  /** Recorded with every message and returned to the workflow, e.g. `local-notification`. */
  readonly name: string;
  send(notification: OutgoingNotification): Promise<'sent' | 'simulated' | 'duplicate' | 'failed'>;
}

export const NOTIFICATION_PORT = Symbol('NOTIFICATION_PORT');
