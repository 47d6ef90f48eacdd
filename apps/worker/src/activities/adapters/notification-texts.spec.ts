import { NOTIFICATION_TEMPLATES } from '@lunas/contracts';
import { renderNotification } from './notification-texts';

const VARS = {
  namaPelanggan: 'Siti Aminah', namaUsaha: 'Net Desa', nomorTagihan: 'INV/2026/02/000042', periode: '2026-03', jatuhTempo: '2026-02-05',
  totalTagihan: 111_000, denda: 10_000, sisaTagihan: 121_000, linkBayar: 'https://lunas.test/bayar/t0k3n', jumlahBayar: 121_000,
  tanggalBayar: '2026-02-20', janjiBayarSampai: '2026-02-25',
};

describe(renderNotification.name, () => {
  it.each(NOTIFICATION_TEMPLATES)('renders %s in Indonesian with the customer and business names and no unfilled value', (template) => {
    const text = renderNotification(template, VARS);
    expect(text).toContain('Halo *Siti Aminah*');
    expect(text).toContain('Net Desa');
    expect(text).not.toMatch(/undefined|NaN|\{/);
  });

  it('quotes the balance with the late fee, the due date and the pay link in reminder 2', () => {
    const text = renderNotification('payment_reminder_2', VARS);
    expect(text).toContain('Nominal: Rp 121.000');
    expect(text).toContain('Termasuk denda keterlambatan: Rp 10.000');
    expect(text).toContain('jatuh tempo 5 Februari 2026');
    expect(text).toContain('https://lunas.test/bayar/t0k3n');
  });

  it('tells the promised date in promise_to_pay and prints a missing value as "-"', () => {
    expect(renderNotification('promise_to_pay', VARS)).toContain('sampai 25 Februari 2026');
    expect(renderNotification('suspended', { namaPelanggan: 'Siti' })).toContain('sebesar *-*');
  });
});
