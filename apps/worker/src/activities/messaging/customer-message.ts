import { MESSAGE_CATEGORY, type MessageTemplateKind } from '@lunas/contracts';
import { DEFAULT_TEMPLATES, TEMPLATE_LABELS, renderTemplate } from '@lunas/messaging';
import { MessageTemplate } from '@lunas/persistence';
import type { EntityManager } from 'typeorm';
import type { OutgoingNotification } from '../ports/notification.port';

/** The mitra's variants of `kind`, or the built-in text when it has not written its own. */
export async function templateVariants(manager: EntityManager, tenantId: string, kind: MessageTemplateKind): Promise<string[]> {
  return (await manager.findOneBy(MessageTemplate, { tenantId, kind }))?.variants ?? DEFAULT_TEMPLATES[kind];
}

/** The text of a notification from its tenant's template; the key picks the variant, so a retry renders the same. */
export async function renderCustomerMessage(manager: EntityManager, notification: OutgoingNotification): Promise<{ subject: string; body: string; category: 'billing' | 'broadcast' }> {
  const variants = await templateVariants(manager, notification.tenantId, notification.template);
  const body = renderTemplate(variants, notification.vars, notification.idempotencyKey);
  const number = notification.vars['nomorTagihan'];
  const subject = `${TEMPLATE_LABELS[notification.template]}${number ? ` ${number}` : ''} – ${notification.vars['namaUsaha'] ?? 'Lunas'}`;
  return { subject, body, category: MESSAGE_CATEGORY[notification.template] };
}
