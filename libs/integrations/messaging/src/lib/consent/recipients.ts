import type { MessageCategory } from '@lunas/contracts';
import { DomainErrorCode, isDomainError, normalisePhone } from '@lunas/domain';

export type MessageChannelName = 'whatsapp' | 'email';

/** Where one message goes: WhatsApp (`62…` number) or email. */
export interface Recipient {
  channel: MessageChannelName;
  /** Phone number in its `62…` form for WhatsApp, address for email. */
  address: string;
}

/** What the customer agreed to (000_ §1 "simpan consent komunikasi") and whether they replied "STOP". */
export interface ContactConsent {
  phone: string | null;
  email: string | null;
  whatsappConsent: boolean;
  emailConsent: boolean;
  /** Set when the customer replied "STOP": broadcasts stop, the bill does not. */
  broadcastOptOutAt: Date | null;
}

/** Why nothing was sent, kept in the message log (read by operators). */
export const NO_CONSENT_REASON = 'Pelanggan belum memberi persetujuan menerima pesan WhatsApp atau email';
export const OPTED_OUT_REASON = 'Pelanggan berhenti menerima siaran (membalas STOP)';

/**
 * The channels to try, in order: WhatsApp when agreed and the number is valid, then email when agreed and known
 * (the fallback when WhatsApp is unavailable). A broadcast never goes to a customer who replied "STOP"; the bill
 * and its notices always go to an agreed channel. Nobody: why, in Indonesian.
 */
export function recipientsOf(contact: ContactConsent, category: MessageCategory): Recipient[] | { skipped: string } {
  if (category === 'broadcast' && contact.broadcastOptOutAt) return { skipped: OPTED_OUT_REASON };
  const recipients: Recipient[] = [];
  let invalidPhone: string | undefined;
  if (contact.whatsappConsent && contact.phone) {
    try {
      recipients.push({ channel: 'whatsapp', address: normalisePhone(contact.phone) });
    } catch (error) {
      if (!isDomainError(error, DomainErrorCode.InvalidPhone)) throw error;
      invalidPhone = error.message;
    }
  }
  if (contact.emailConsent && contact.email) recipients.push({ channel: 'email', address: contact.email });
  return recipients.length > 0 ? recipients : { skipped: invalidPhone ?? NO_CONSENT_REASON };
}

/** A customer's reply that stops broadcasts ("STOP", "BERHENTI", "UNREG"), case and spacing ignored. */
export function isOptOutReply(text: string): boolean {
  return ['STOP', 'BERHENTI', 'UNREG'].includes(text.trim().toUpperCase());
}

/** A customer's reply that resumes broadcasts ("MULAI", "START"). */
export function isOptInReply(text: string): boolean {
  return ['MULAI', 'START'].includes(text.trim().toUpperCase());
}
