import { DEFAULT_TEMPLATES } from './default-templates';
import { TemplateError, assertValidTemplate, renderTemplate } from './render-template';

const invoice = { namaPelanggan: 'Budi Santoso', namaUsaha: 'WiFi Sukamaju', nomorTagihan: 'INV-2026-03-0001', periode: '2026-03', jatuhTempo: '2026-02-05', sisaTagihan: 111_000, totalTagihan: 111_000, denda: 0, linkBayar: 'https://lunas.test/bayar/abc' };

describe(renderTemplate.name, () => {
  it('fills every variable with Indonesian money, date and period formats', () => {
    const text = renderTemplate(['{salam} *{nama}*, tagihan {periode} sebesar {jumlah} jatuh tempo {jatuh_tempo}: {link_bayar}'], { ...invoice, salam: 'Halo' }, 'k1');
    expect(text).toBe('Halo *Budi Santoso*, tagihan Maret 2026 sebesar Rp 111.000 jatuh tempo 5 Februari 2026: https://lunas.test/bayar/abc');
  });

  it('leaves out a line whose optional variable is empty and keeps it when it has a value', () => {
    const body = ['Nominal: {jumlah}', 'Denda: {denda?}'].join('\n');
    expect(renderTemplate([body], invoice, 'k')).toBe('Nominal: Rp 111.000');
    expect(renderTemplate([body], { ...invoice, denda: 10_000 }, 'k')).toBe('Nominal: Rp 111.000\nDenda: Rp 10.000');
  });

  it('writes - for a missing required value', () => {
    expect(renderTemplate(['Isolir: {tanggal_isolir}'], invoice, 'k')).toBe('Isolir: -');
  });

  it('renders the same text for the same key and varies greeting, closing and variant between keys', () => {
    const variants = ['A {salam} {penutup}', 'B {salam} {penutup}'];
    expect(renderTemplate(variants, invoice, 'sub-1:2026-03:reminder')).toBe(renderTemplate(variants, invoice, 'sub-1:2026-03:reminder'));
    const texts = new Set(Array.from({ length: 50 }, (_, i) => renderTemplate(variants, invoice, `sub-${i}:2026-03:reminder`)));
    expect(texts.size).toBeGreaterThan(10);
    expect([...texts].some((text) => text.startsWith('A '))).toBe(true);
    expect([...texts].some((text) => text.startsWith('B '))).toBe(true);
  });

  it('renders every built-in template without an unknown variable', () => {
    for (const [kind, variants] of Object.entries(DEFAULT_TEMPLATES)) {
      const text = renderTemplate(variants, { ...invoice, jumlahBayar: 111_000, tanggalBayar: '2026-02-04', janjiBayarSampai: '2026-02-20', jadwalPemeliharaan: 'Selasa 10 Maret 01:00–03:00 WIB' }, kind);
      expect(text).toContain('Budi Santoso');
      expect(text).not.toMatch(/\{[a-z_]+\??\}/);
    }
  });
});

describe(assertValidTemplate.name, () => {
  it('refuses an unknown variable and names it', () => {
    expect(() => assertValidTemplate('Halo {nama}, bayar {jumlah_tagihan} ya')).toThrow(TemplateError);
    expect(() => assertValidTemplate('Halo {nama}, bayar {jumlah_tagihan} ya')).toThrow(/Variabel \{jumlah_tagihan\} tidak dikenal/);
    try {
      assertValidTemplate('{nama} {tgl}');
    } catch (error) {
      expect((error as TemplateError).variable).toBe('tgl');
    }
  });

  it('refuses an empty template and accepts known variables', () => {
    expect(() => assertValidTemplate('  \n')).toThrow('Isi template tidak boleh kosong');
    expect(() => assertValidTemplate('Halo {nama}, {denda?}')).not.toThrow();
  });
});
