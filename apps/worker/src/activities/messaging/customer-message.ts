import { MESSAGE_CATEGORY } from '@lunas/contracts';
import { TEMPLATE_LABELS, renderTemplate } from '@lunas/messaging';
import type { OutgoingNotification } from '../ports/notification.port';

/** The text of a notification from its tenant's template; the key picks the variant, so a retry renders the same. */
export function renderCustomerMessage(notification: OutgoingNotification): { subject: string; body: string; category: 'billing' | 'broadcast' } {
  const body = renderTemplate(notification.variants, notification.vars, notification.idempotencyKey);
  const number = notification.vars['nomorTagihan'];
  const subject = `${TEMPLATE_LABELS[notification.template]}${number ? ` ${number}` : ''} – ${notification.vars['namaUsaha'] ?? 'Lunas'}`;
  return { subject, body, category: MESSAGE_CATEGORY[notification.template] };
}
