import { NAVIGATION, visibleNavigation } from './navigation';

const labels = (permissions: string[], superadmin = false) =>
  visibleNavigation(NAVIGATION, (permission) => permissions.includes(permission), superadmin).map((item) => item.label);

describe(visibleNavigation.name, () => {
  it('shows a kasir only what a kasir works with', () => {
    expect(labels(['customer.read', 'subscription.read', 'invoice.read', 'invoice.mark_paid', 'payment.read', 'payment.record'])).toEqual([
      'Beranda', 'Pelanggan', 'Langganan', 'Tagihan', 'Pembayaran',
    ]);
  });

  it('shows Mitra to the superadmin only', () => {
    expect(labels(['audit_log.read'])).not.toContain('Mitra');
    expect(labels(['audit_log.read'], true)).toEqual(['Beranda', 'Mitra', 'Jejak Audit']);
  });
});
