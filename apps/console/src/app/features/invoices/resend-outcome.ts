import type { ResentPayLink } from './invoices.service';

const CHANNEL_LABELS: Record<ResentPayLink['channels'][number], string> = { whatsapp: 'WhatsApp', email: 'email' };

/** The notice after a resend: where the link goes, or that the one queued moments ago still stands. */
export function resendOutcomeMessage(outcome: ResentPayLink): string {
  const time = new Intl.DateTimeFormat('id-ID', { timeZone: 'Asia/Jakarta', hour: '2-digit', minute: '2-digit' }).format(new Date(outcome.queuedAt));
  if (outcome.alreadyQueued) return `Tautan sudah masuk antrean pukul ${time} WIB; tidak dikirim dua kali.`;
  const channels = outcome.channels.map((channel) => CHANNEL_LABELS[channel]).join(', lalu ');
  return `Tautan pembayaran masuk antrean pengiriman (${channels}) pukul ${time} WIB.`;
}
