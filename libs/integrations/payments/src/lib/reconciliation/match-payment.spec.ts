import { matchPayment, type OpenInvoice } from './match-payment';

const invoice = (overrides: Partial<OpenInvoice> & Pick<OpenInvoice, 'invoiceId' | 'invoiceNumber' | 'customerId'>): OpenInvoice => ({
  amountDue: 166500,
  issuedOn: '2026-08-01',
  dueOn: '2026-08-10',
  ...overrides,
});

const budiJuly = invoice({ invoiceId: 'i-1', invoiceNumber: 'INV-2026-07-0001', customerId: 'c-budi', customerCode: 'PLG-0001', issuedOn: '2026-07-01', dueOn: '2026-07-10', customerVaNumbers: ['8808000001'] });
const budiAugust = invoice({ invoiceId: 'i-2', invoiceNumber: 'INV-2026-08-0001', customerId: 'c-budi', customerCode: 'PLG-0001', customerVaNumbers: ['8808000001'], gatewayReferences: ['tx-aug'] });
const sitiAugust = invoice({ invoiceId: 'i-3', invoiceNumber: 'INV-2026-08-0002', customerId: 'c-siti', customerCode: 'PLG-0002', customerVaNumbers: ['8808000002'] });
const open = [budiJuly, budiAugust, sitiAugust];

describe('matchPayment', () => {
  it('matches by gateway reference first, recording the rule', () => {
    expect(matchPayment({ gatewayReference: 'tx-aug', vaNumber: '8808000002', amount: 1, paidOn: '2026-08-05' }, open)).toEqual({
      status: 'matched',
      rule: 'gateway_reference',
      invoiceId: 'i-2',
      reason: 'Referensi gateway cocok dengan tagihan INV-2026-08-0001',
    });
  });

  it('matches by the invoice number the gateway echoed', () => {
    expect(matchPayment({ invoiceRef: 'INV-2026-08-0002', amount: 166500, paidOn: '2026-08-05' }, open)).toMatchObject({ status: 'matched', rule: 'gateway_reference', invoiceId: 'i-3' });
  });

  it('matches an invoice number written in a transfer note, as a whole token', () => {
    expect(matchPayment({ text: 'TRSF E-BANKING CR bayar inv-2026-08-0002 siti', amount: 100000, paidOn: '2026-08-05' }, open)).toMatchObject({
      status: 'matched',
      rule: 'invoice_reference',
      invoiceId: 'i-3',
    });
    expect(matchPayment({ text: 'bayar INV-2026-08-00021', amount: 1, paidOn: '2026-08-05' }, open).status).toBe('unmatched');
  });

  it("settles the VA owner's oldest open invoice", () => {
    expect(matchPayment({ vaNumber: '8808000001', amount: 166500, paidOn: '2026-08-05' }, open)).toEqual({
      status: 'matched',
      rule: 'va_number',
      invoiceId: 'i-1',
      reason: 'Nomor VA 8808000001: tagihan terbuka tertua pelanggan (INV-2026-07-0001)',
    });
  });

  it('calls a VA shared by two customers ambiguous', () => {
    const shared = [budiAugust, { ...sitiAugust, customerVaNumbers: ['8808000001'] }];

    expect(matchPayment({ vaNumber: '8808000001', amount: 166500, paidOn: '2026-08-05' }, shared)).toMatchObject({ status: 'ambiguous', rule: 'va_number', candidateInvoiceIds: ['i-2', 'i-3'] });
  });

  it('falls back on amount + known customer + date window', () => {
    expect(matchPayment({ customerId: 'c-siti', amount: 166500, paidOn: '2026-08-20' }, open)).toMatchObject({ status: 'matched', rule: 'amount_customer_date', invoiceId: 'i-3' });
  });

  it('finds the customer by the code in the transfer note', () => {
    expect(matchPayment({ text: 'SETORAN PLG-0002', amount: 166500, paidOn: '2026-08-20' }, open)).toMatchObject({ status: 'matched', rule: 'amount_customer_date', invoiceId: 'i-3' });
  });

  it.each([
    ['7 days before issue', '2026-07-25', 'matched'],
    ['8 days before issue', '2026-07-24', 'unmatched'],
    ['30 days after due', '2026-09-09', 'matched'],
    ['31 days after due', '2026-09-10', 'unmatched'],
  ])('honours the date window: %s → %s', (_label, paidOn, status) => {
    expect(matchPayment({ customerId: 'c-siti', amount: 166500, paidOn }, open).status).toBe(status);
  });

  it('calls a known amount from an unknown customer ambiguous, listing the candidates', () => {
    expect(matchPayment({ text: 'TRANSFER', amount: 166500, paidOn: '2026-08-15' }, open)).toEqual({
      status: 'ambiguous',
      rule: 'amount_customer_date',
      candidateInvoiceIds: ['i-2', 'i-3'],
      reason: 'Pelanggan tidak dapat dipastikan; 2 tagihan sebesar Rp166.500 cocok dengan tanggalnya',
    });
  });

  it('calls two same-amount invoices of one customer in the window ambiguous', () => {
    const twoOpen = [budiAugust, { ...budiJuly, issuedOn: '2026-07-28', dueOn: '2026-08-06' }];

    expect(matchPayment({ customerId: 'c-budi', amount: 166500, paidOn: '2026-08-05' }, twoOpen)).toMatchObject({ status: 'ambiguous', candidateInvoiceIds: ['i-2', 'i-1'] });
  });

  it('leaves an amount nobody owes unmatched, saying why', () => {
    expect(matchPayment({ customerId: 'c-budi', amount: 50000, paidOn: '2026-08-05' }, open)).toEqual({
      status: 'unmatched',
      reason: 'Pelanggan ditemukan, tetapi tidak ada tagihan terbukanya sebesar Rp50.000 pada rentang tanggal ini',
    });
    expect(matchPayment({ amount: 50000, paidOn: '2026-08-05' }, open)).toEqual({ status: 'unmatched', reason: 'Tidak ada tagihan terbuka sebesar Rp50.000 pada rentang tanggal ini' });
  });
});
