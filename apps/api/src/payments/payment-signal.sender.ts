import { Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { paymentReceivedSignal, type PaymentReceived } from '@lunas/contracts';

/** Delivers one `paymentReceived` signal to a subscription workflow; throws when it could not. */
export interface PaymentSignalSender {
  /**
   * @param timeoutMs deadline of the whole call (connecting included); on expiry it throws and the
   *                  relay tries again later.
   */
  send(workflowId: string, payload: PaymentReceived, timeoutMs: number): Promise<void>;
}

/** DI token of the {@link PaymentSignalSender}; tests replace it with a recording fake. */
export const PAYMENT_SIGNAL_SENDER = Symbol('PAYMENT_SIGNAL_SENDER');

/** Signals through the API's Temporal client (lazy connection: Temporal may be down at boot). */
@Injectable()
export class TemporalPaymentSignalSender implements PaymentSignalSender {
  constructor(private readonly client: Client) {}

  async send(workflowId: string, payload: PaymentReceived, timeoutMs: number): Promise<void> {
    await this.client.withDeadline(Date.now() + timeoutMs, () => this.client.workflow.getHandle(workflowId).signal(paymentReceivedSignal, payload));
  }
}
