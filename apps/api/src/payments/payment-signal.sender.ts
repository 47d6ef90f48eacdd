import { Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { balanceReopenedSignal, creditMovedSignal, paymentReceivedSignal } from '@lunas/contracts';
import type { OutboxSignal } from '@lunas/persistence';


/** Delivers one outbox signal to a subscription workflow; throws when it could not. */
export interface PaymentSignalSender {
  /**
   * @param signal    `payment_received` → `paymentReceived`, `balance_reopened` → `balanceReopened`, `credit_moved` → `creditMoved`.
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
      switch (signal.kind) {
        case 'payment_received':
          return handle.signal(paymentReceivedSignal, signal.payload);
        case 'balance_reopened':
          return handle.signal(balanceReopenedSignal, signal.payload);
        case 'credit_moved':
          return handle.signal(creditMovedSignal, signal.payload);
      }
    });
  }
}
