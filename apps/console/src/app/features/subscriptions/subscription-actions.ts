import type { ConfirmField } from '../../shared/dialogs/confirm-action.dialog';
import type { LiveWorkflowState } from './subscriptions.service';

/** An operator action the subscription workflow accepts, as the detail page offers it. */
export interface SubscriptionAction {
  /** Path segment of `POST /api/v1/subscriptions/:id/actions/:action`. */
  action: string;
  label: string;
  /** What happens, said before the operator confirms. */
  effect: string;
  permission: string;
  danger?: boolean;
  fields?: readonly ConfirmField[];
  /** Whether the action would change anything in this state (the workflow refuses the others with 409). */
  applies: (state: LiveWorkflowState) => boolean;
}

const owes = (state: LiveWorkflowState) => state.balance > 0;
const running = (state: LiveWorkflowState) => !state.cancelled;

export const SUBSCRIPTION_ACTIONS: readonly SubscriptionAction[] = [
  {
    action: 'promise-to-pay',
    label: 'Janji bayar',
    effect: 'Pengingat, denda dan isolir ditunda sampai tanggal janji. Bila belum lunas pada tanggal itu, penagihan berlanjut dari langkah berikutnya.',
    permission: 'payment.record',
    fields: [{ key: 'until', label: 'Bayar paling lambat', type: 'date' }],
    applies: (state) => running(state) && owes(state) && !state.promise,
  },
  {
    action: 'waive-fee',
    label: 'Hapus denda',
    effect: 'Denda keterlambatan pada tagihan berjalan dihapus dan tidak dikenakan lagi untuk tagihan ini.',
    permission: 'credit_note.manage',
    applies: (state) => running(state) && (state.currentInvoice?.lateFee ?? 0) > 0,
  },
  {
    action: 'pause-dunning',
    label: 'Tahan penagihan',
    effect: 'Pengingat, denda dan isolir otomatis berhenti sampai penagihan dilanjutkan. Tagihan baru tetap terbit.',
    permission: 'subscription.manage',
    applies: (state) => running(state) && !state.dunningPaused,
  },
  {
    action: 'resume-dunning',
    label: 'Lanjutkan penagihan',
    effect: 'Penagihan otomatis berjalan lagi dari langkah berikutnya yang belum dijalankan.',
    permission: 'subscription.manage',
    applies: (state) => running(state) && state.dunningPaused,
  },
  {
    action: 'suspend',
    label: 'Isolir',
    effect: 'Layanan internet pelanggan diisolir sekarang: sesi PPPoE diputus dan pelanggan hanya bisa membuka halaman pembayaran.',
    permission: 'subscription.suspend',
    danger: true,
    applies: (state) => running(state) && !state.suspended,
  },
  {
    action: 'unsuspend',
    label: 'Buka isolir',
    effect: 'Isolir dibuka sekarang: pelanggan bisa terhubung lagi. Tagihan yang belum dibayar tetap ditagih.',
    permission: 'subscription.unsuspend',
    applies: (state) => running(state) && state.suspended,
  },
  {
    action: 'change-package',
    label: 'Ganti paket',
    effect: 'Paket berganti mulai periode berikutnya, atau sekarang dengan selisih prorata pada tagihan berikutnya.',
    permission: 'subscription.manage',
    fields: [
      { key: 'packageId', label: 'Paket baru', type: 'select' },
      {
        key: 'mode',
        label: 'Berlaku',
        type: 'select',
        initial: 'next_cycle',
        options: [
          { value: 'next_cycle', label: 'Mulai periode berikutnya' },
          { value: 'now', label: 'Sekarang (prorata)' },
        ],
      },
    ],
    applies: running,
  },
  {
    action: 'cancel',
    label: 'Berhenti berlangganan',
    effect: 'Langganan dihentikan: tidak ada tagihan baru. Tagihan yang sudah terbit tetap harus dibayar.',
    permission: 'subscription.manage',
    danger: true,
    fields: [
      {
        key: 'mode',
        label: 'Berhenti',
        type: 'select',
        initial: 'end_of_period',
        options: [
          { value: 'end_of_period', label: 'Di akhir periode berjalan' },
          { value: 'now', label: 'Sekarang' },
        ],
      },
    ],
    applies: running,
  },
];

/** The actions to offer: those the operator may do and that would change something now. */
export function availableActions(state: LiveWorkflowState | null, can: (permission: string) => boolean): SubscriptionAction[] {
  if (!state) return [];
  return SUBSCRIPTION_ACTIONS.filter((action) => can(action.permission) && action.applies(state));
}
