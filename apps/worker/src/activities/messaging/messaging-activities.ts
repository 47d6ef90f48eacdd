import { ApplicationFailure } from '@temporalio/common';
import type { MessagingActivities } from '@lunas/contracts';
import type { DataSource } from 'typeorm';
import type { NotificationPort } from '../ports/notification.port';
import { deliverCustomerMessage } from './deliver-customer-message';

/** The queue's send: one message to a customer, exactly once per key and channel; an unknown customer is a refusal. */
export function createMessagingActivities(dataSource: DataSource, notifications: NotificationPort): MessagingActivities {
  return {
    sendQueuedMessage: async (message) => {
      const outcome = await deliverCustomerMessage(dataSource, notifications, message);
      if (outcome === 'not-found') throw ApplicationFailure.nonRetryable(`Pelanggan ${message.customerId} tidak ditemukan`, 'CUSTOMER_NOT_FOUND');
      return { status: outcome.status };
    },
  };
}
