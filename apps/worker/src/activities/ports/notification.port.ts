import type { NotificationTemplate } from '@lunas/contracts';

/** Where a message goes: WhatsApp (`62…` number) or email, chosen from the customer's consent. */
export interface NotificationRecipient {
  channel: 'whatsapp' | 'email';
  /** Phone number in its `62…` form (`normalisePhone`) for WhatsApp, address for email. */
  address: string;
}

/** One customer message, rendered by the adapter from its template and values. */
export interface OutgoingNotification {
  tenantId: string;
  subscriptionId: string;
  customerId: string;
  invoiceId?: string;
  template: NotificationTemplate;
  recipient: NotificationRecipient;
  /** Template values: customer and business names, invoice number, amounts (integer rupiah), ISO dates, pay link. */
  vars: Record<string, string | number>;
  /** Derived from the workflow (`<subscription>:<period>:<template>`); a repeat sends nothing. */
  idempotencyKey: string;
}

/**
 * Sends customer messages (WhatsApp, email). `send` is idempotent by `idempotencyKey`: the first call delivers
 * and answers `sent` (a stand-in that only records the message answers `simulated`), every later call with the
 * same key answers `duplicate` and delivers nothing. Faults throw (the activity is retried); nothing here is a
 * business refusal.
 */
export interface NotificationPort {
  /** Recorded with every message and returned to the workflow, e.g. `local-notification`. */
  readonly name: string;
  send(notification: OutgoingNotification): Promise<'sent' | 'simulated' | 'duplicate'>;
}

export const NOTIFICATION_PORT = Symbol('NOTIFICATION_PORT');
