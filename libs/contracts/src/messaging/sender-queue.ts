import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { Instant, MessagingWindow, PacingLimits, PacingState } from '@lunas/domain';
import type { MessageTemplateKind } from './message-templates';

/** One message waiting in a sender's queue: to a customer, from a template, once per `idempotencyKey`. */
export interface QueuedMessage {
  tenantId: string;
  customerId: string;
  kind: MessageTemplateKind;
  /** Template values beyond the customer's and the mitra's (amounts in rupiah, ISO dates, pay link…). */
  vars: Record<string, string | number>;
  idempotencyKey: string;
  invoiceId?: string;
  /**
   * The mitra's send window when the message was queued (its settings in effect then); absent on messages queued
   * before messages carried one, which use the queue's own window.
   */
  window?: MessagingWindow;
}

export interface SenderQueueInput {
  tenantId: string;
  limits: PacingLimits;
  window: MessagingWindow;
  /** Carried over continue-as-new. */
  queue?: QueuedMessage[];
  pacing?: PacingState;
}

/** What the console shows of a sender's queue. */
export interface SenderQueueState {
  depth: number;
  /** When the next message goes out (null: queue empty). */
  nextSendAt: Instant | null;
  sentToday: number;
  sentLastHour: number;
  limits: PacingLimits;
}

export const enqueueMessagesSignal = defineSignal<[QueuedMessage[]]>('enqueueMessages');
export const senderQueueStateQuery = defineQuery<SenderQueueState>('senderQueueState');

/** One durable queue per mitra's WhatsApp sender number. */
export function senderQueueWorkflowId(tenantId: string): string {
  return `sender-queue:${tenantId}`;
}

/** The messaging activities (task queue `messaging`). */
export interface MessagingActivities {
  /** Delivers one queued message (consent and "STOP" respected); exactly once per idempotency key and channel. */
  sendQueuedMessage(message: QueuedMessage): Promise<{ status: 'sent' | 'simulated' | 'skipped' | 'duplicate' | 'failed' }>;
}
