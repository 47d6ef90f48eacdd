import { NOTIFICATION_TEMPLATES } from '../subscription/billing-activities';

/** Every customer message a mitra can edit: the workflow's notices plus the maintenance broadcast. */
export const MESSAGE_TEMPLATE_KINDS = [...NOTIFICATION_TEMPLATES, 'maintenance'] as const;
export type MessageTemplateKind = (typeof MESSAGE_TEMPLATE_KINDS)[number];

/**
 * `billing`: the legal bill and its dunning notices, sent to every customer who agreed to the channel, also after
 * "STOP"; `broadcast`: announcements (maintenance, promotions), never sent to a customer who replied "STOP".
 */
export type MessageCategory = 'billing' | 'broadcast';

export const MESSAGE_CATEGORY: Record<MessageTemplateKind, MessageCategory> = {
  invoice_issued: 'billing',
  payment_reminder_1: 'billing',
  payment_reminder_2: 'billing',
  late_fee: 'billing',
  suspend_warning: 'billing',
  suspended: 'billing',
  unsuspended: 'billing',
  payment_received: 'billing',
  promise_to_pay: 'billing',
  maintenance: 'broadcast',
};

/** A mitra's template: one or more variants (picked per message so that bulk sends are not identical). */
export interface MessageTemplateDto {
  kind: MessageTemplateKind;
  /** Indonesian label for the console, e.g. "Tagihan baru". */
  label: string;
  variants: string[];
  /** `true` when the mitra has not edited it (the built-in text). */
  isDefault: boolean;
}

/** A variable a template may use, written `{name}` (or `{name?}`: the line is left out when it is empty). */
export interface TemplateVariableDto {
  name: string;
  description: string;
}
