import type { BillingActivities, NotificationTemplate } from '@lunas/contracts';
import { lunasMetrics } from '@lunas/observability';

/** Messages that are a rung of the dunning ladder (the late fee and the isolir are counted from their own activities). */
const DUNNING_MESSAGES: readonly NotificationTemplate[] = ['payment_reminder_1', 'payment_reminder_2', 'suspend_warning'];

/** Suspensions that are not a dunning step: an operator's, and the one a cancellation makes (else the trigger is a step id). */
const NOT_DUNNING_TRIGGERS = ['manual', 'cancel'];

/**
 * The billing activities with the worker's Prometheus counters around them, read from each activity's input and
 * result, so that the activities themselves stay free of metrics: invoices issued (not an idempotent repeat), customer
 * messages by template and status (`failed` when an attempt throws), dunning steps taken, network actions by answer.
 * A `duplicate` result (the key was handled before) counts nothing.
 */
export function withActivityMetrics(activities: BillingActivities): BillingActivities {
  return {
    ...activities,
    issueInvoice: async (input) => {
      const issued = await activities.issueInvoice(input);
      if (issued.created) lunasMetrics.invoicesIssued.inc();
      return issued;
    },
    addLateFee: async (input) => {
      const balance = await activities.addLateFee(input);
      lunasMetrics.dunningSteps.inc({ step: 'late_fee' });
      return balance;
    },
    notify: async (input) => {
      const result = await counted(() => activities.notify(input), () => lunasMetrics.messages.inc({ template: input.template, status: 'failed' }));
      if (result.status === 'duplicate') return result;
      lunasMetrics.messages.inc({ template: input.template, status: result.status });
      if (DUNNING_MESSAGES.includes(input.template)) lunasMetrics.dunningSteps.inc({ step: input.template });
      return result;
    },
    enforceNetwork: async (input) => {
      const result = await counted(() => activities.enforceNetwork(input), () => lunasMetrics.coa.inc({ action: input.action, result: 'failed' }));
      if (result.result === 'duplicate') return result;
      lunasMetrics.coa.inc({ action: input.action, result: result.result });
      if (input.action === 'suspend' && !NOT_DUNNING_TRIGGERS.includes(input.trigger)) lunasMetrics.dunningSteps.inc({ step: 'suspend' });
      return result;
    },
  };
}

async function counted<T>(attempt: () => Promise<T>, onFailure: () => void): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    onFailure();
    throw error;
  }
}
