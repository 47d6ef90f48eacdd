import type { DunningStage, InvoiceStatus } from '@lunas/contracts';

/** How a status reads in the console and which colour its chip takes. */
export interface StatusLabel {
  label: string;
  tone: 'neutral' | 'good' | 'warn' | 'bad';
}

export const INVOICE_STATUS_LABELS: Record<InvoiceStatus, StatusLabel> = {
  unpaid: { label: 'Belum dibayar', tone: 'warn' },
  partial: { label: 'Dibayar sebagian', tone: 'warn' },
  paid: { label: 'Lunas', tone: 'good' },
  void: { label: 'Dibatalkan', tone: 'neutral' },
};

/** The dunning stages of the subscription workflow, as a billing admin says them. */
export const DUNNING_STAGE_LABELS: Record<DunningStage, StatusLabel> = {
  waiting: { label: 'Menunggu tagihan', tone: 'neutral' },
  issued: { label: 'Tagihan terbit', tone: 'neutral' },
  reminded: { label: 'Sudah diingatkan', tone: 'warn' },
  warned: { label: 'Peringatan isolir', tone: 'bad' },
  suspended: { label: 'Diisolir', tone: 'bad' },
  promised: { label: 'Janji bayar', tone: 'warn' },
  paused: { label: 'Penagihan ditahan', tone: 'neutral' },
  paid: { label: 'Lunas', tone: 'good' },
  cancelled: { label: 'Berhenti', tone: 'neutral' },
};

export const SUBSCRIPTION_STATUS_LABELS: Record<string, StatusLabel> = {
  active: { label: 'Aktif', tone: 'good' },
  suspended: { label: 'Diisolir', tone: 'bad' },
  cancelled: { label: 'Berhenti', tone: 'neutral' },
};

/** The ladder's actions (dunning policy steps, next step of a subscription). */
export const DUNNING_ACTION_LABELS: Record<string, string> = {
  notify: 'Kirim pesan',
  late_fee: 'Denda keterlambatan',
  suspend_warning: 'Peringatan isolir',
  suspend: 'Isolir',
};

/** A status the table does not know reads as itself rather than disappearing. */
export function statusLabel(labels: Record<string, StatusLabel>, status: string | null | undefined): StatusLabel {
  if (!status) return { label: '—', tone: 'neutral' };
  return labels[status] ?? { label: status, tone: 'neutral' };
}

/** A ladder step's actions as one phrase: `Kirim pesan + Denda keterlambatan`. */
export function dunningActionsText(actions: readonly string[]): string {
  return actions.map((action) => DUNNING_ACTION_LABELS[action] ?? action).join(' + ');
}
