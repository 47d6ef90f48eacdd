/** Payment methods as the kasir and Finance say them. */
export const PAYMENT_METHOD_LABELS: Partial<Record<string, string>> = {
  va: 'Virtual account',
  qris: 'QRIS',
  ewallet: 'E-wallet',
  card: 'Kartu',
  cash: 'Tunai',
  transfer: 'Transfer bank',
};
