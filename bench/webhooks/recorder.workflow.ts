import { condition, defineQuery, setHandler } from '@temporalio/workflow';
import { paymentReceivedSignal } from '@lunas/contracts';

/** Per payment: the invoice and the workflow time (epoch ms) its signal was applied. */
export interface RecordedPayment {
  paymentId: string;
  invoiceId: string;
  appliedAt: number;
}

export const recordedPaymentsQuery = defineQuery<RecordedPayment[]>('recordedPayments');

/** Stand-in for the subscription workflow: its state shows each payment signal it received. */
export async function benchRecorderWorkflow(): Promise<void> {
  const recorded: RecordedPayment[] = [];
  setHandler(paymentReceivedSignal, (payment) => {
    recorded.push({ paymentId: payment.paymentId, invoiceId: payment.invoiceId, appliedAt: Date.now() });
  });
  setHandler(recordedPaymentsQuery, () => recorded);
  await condition(() => false);
}
