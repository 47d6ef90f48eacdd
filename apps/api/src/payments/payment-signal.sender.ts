import { Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { balanceReopenedSignal, paymentReceivedSignal } from '@lunas/contracts';
import type { OutboxSignal } from '@lunas/persistence';


/** Delivers one outbox signal to a subscription workflow; throws when it could not. */
export interface PaymentSignalSender {
  /**
   * @param signal    `payment_received` → `paymentReceived`, `balance_reopened` → `balanceReopened`.
   * @param timeoutMs deadline of the whole call (connecting included); on expiry it throws and the
   *                  relay tries again later.
   */
  send(workflowId: string, signal: OutboxSignal, timeoutMs: number): Promise<void>;
}

/** DI token of the {@link PaymentSignalSender}; tests replace it with a recording fake. */
export const PAYMENT_SIGNAL_SENDER = Symbol('PAYMENT_SIGNAL_SENDER');

/** Signals through the API's Temporal client (lazy connection: Temporal may be down at boot). */
@Injectable()
export class TemporalPaymentSignalSender implements PaymentSignalSender {
  constructor(private readonly client: Client) {}

  async send(workflowId: string, signal: OutboxSignal, timeoutMs: number): Promise<void> {
    await this.client.withDeadline(Date.now() + timeoutMs, () => {
      const handle = this.client.workflow.getHandle(workflowId);
      return signal.kind === 'payment_received' ? handle.signal(paymentReceivedSignal, signal.payload) : handle.signal(balanceReopenedSignal, signal.payload);
    });
  }
}
