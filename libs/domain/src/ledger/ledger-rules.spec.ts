import fc from 'fast-check';
import {
  accountDiscrepancy,
  type AccountFigures,
  creditToApply,
  drawCredit,
  type InvoiceFigures,
  type LedgerInvoiceStatus,
  lowerTotal,
  outstandingOf,
  settlementStatus,
  splitReceipt,
  splitReversal,
} from './ledger-rules';

describe('ledger rules', () => {
  it('settles an invoice by what was paid: unpaid, partial, paid (a zero invoice is paid)', () => {
    expect(settlementStatus(100_000, 0)).toBe('unpaid');
    expect(settlementStatus(100_000, 40_000)).toBe('partial');
    expect(settlementStatus(100_000, 100_000)).toBe('paid');
    expect(settlementStatus(0, 0)).toBe('paid');
  });

  it('owes nothing on a void invoice', () => {
    expect(outstandingOf({ total: 100_000, amountPaid: 30_000, status: 'partial' })).toBe(70_000);
    expect(outstandingOf({ total: 100_000, amountPaid: 30_000, status: 'void' })).toBe(0);
  });

  it('splits a receipt into what pays the invoice and the overpayment', () => {
    expect(splitReceipt(150_000, 111_000)).toEqual({ allocated: 111_000, overpayment: 39_000 });
    expect(splitReceipt(50_000, 111_000)).toEqual({ allocated: 50_000, overpayment: 0 });
    expect(splitReceipt(50_000, 0)).toEqual({ allocated: 0, overpayment: 50_000 });
    expect(creditToApply(30_000, 111_000)).toBe(30_000);
    expect(creditToApply(300_000, 111_000)).toBe(111_000);
    expect(creditToApply(-5_000, 111_000)).toBe(0);
  });

  describe('reversal', () => {
    const paid: InvoiceFigures = { total: 111_000, amountPaid: 111_000, status: 'paid' };

    it('takes a refund on a paid invoice out of credit when the credit covers it', () => {
      expect(splitReversal({ amount: 50_000, allocated: 111_000, invoice: paid, credit: 50_000, kind: 'refund' })).toEqual({ fromInvoice: 0, fromCredit: 50_000 });
    });

    it('reopens the invoice when the credit does not cover the refund', () => {
      expect(splitReversal({ amount: 50_000, allocated: 111_000, invoice: paid, credit: 49_999, kind: 'refund' })).toEqual({ fromInvoice: 50_000, fromCredit: 0 });
    });

    it('reverses a chargeback on the invoice whatever the credit, the excess from the payment\'s credit', () => {
      expect(splitReversal({ amount: 150_000, allocated: 111_000, invoice: paid, credit: 500_000, kind: 'chargeback' })).toEqual({ fromInvoice: 111_000, fromCredit: 39_000 });
    });

    it('takes everything from credit on a void invoice (its payments became credit when it was voided)', () => {
      const voided: InvoiceFigures = { total: 111_000, amountPaid: 111_000, status: 'void' };
      expect(splitReversal({ amount: 111_000, allocated: 111_000, invoice: voided, credit: 0, kind: 'chargeback' })).toEqual({ fromInvoice: 0, fromCredit: 111_000 });
    });

    it('reopens an invoice still partly open even with credit', () => {
      const partial: InvoiceFigures = { total: 111_000, amountPaid: 60_000, status: 'partial' };
      expect(splitReversal({ amount: 10_000, allocated: 60_000, invoice: partial, credit: 500_000, kind: 'refund' })).toEqual({ fromInvoice: 10_000, fromCredit: 0 });
    });
  });

  it('turns what was paid beyond a lowered total into credit', () => {
    expect(lowerTotal({ total: 136_000, amountPaid: 136_000, status: 'paid' }, 111_000)).toEqual({ amountPaid: 111_000, status: 'paid', excess: 25_000 });
    expect(lowerTotal({ total: 136_000, amountPaid: 50_000, status: 'partial' }, 111_000)).toEqual({ amountPaid: 50_000, status: 'partial', excess: 0 });
  });

  it('measures the distance from the invariant', () => {
    const balanced: AccountFigures = { billed: 222_000, waived: 0, voided: 111_000, paid: 150_000, refunded: 0, outstanding: 0, credit: 39_000 };
    expect(accountDiscrepancy(balanced)).toBe(0);
    expect(accountDiscrepancy({ ...balanced, credit: 39_001 })).toBe(1);
  });
});

/** One customer's account booked by the rules: the model the property below drives. */
class AccountModel {
  readonly invoices: Array<{ total: number; amountPaid: number; status: LedgerInvoiceStatus; lateFee: number }> = [];
  readonly payments: Array<{ invoice: number; allocated: number; credit: number }> = [];
  credit = 0;
  billed = 0;
  waived = 0;
  voided = 0;
  paid = 0;
  refunded = 0;

  issue(total: number): void {
    const applied = creditToApply(this.credit, total);
    this.credit -= applied;
    this.billed += total;
    this.invoices.push({ total, amountPaid: applied, status: settlementStatus(total, applied), lateFee: 0 });
  }

  lateFee(i: number, fee: number): void {
    const invoice = this.invoices[i];
    if (!invoice || invoice.lateFee > 0 || invoice.status === 'void' || invoice.status === 'paid') return;
    invoice.lateFee = fee;
    invoice.total += fee;
    invoice.status = settlementStatus(invoice.total, invoice.amountPaid);
    this.billed += fee;
  }

  pay(i: number, amount: number): void {
    const invoice = this.invoices[i];
    if (!invoice || invoice.status === 'void') return;
    const { allocated, overpayment } = splitReceipt(amount, outstandingOf(invoice));
    invoice.amountPaid += allocated;
    invoice.status = settlementStatus(invoice.total, invoice.amountPaid);
    this.credit += overpayment;
    this.paid += amount;
    this.payments.push({ invoice: i, allocated, credit: overpayment });
  }

  reverse(p: number, share: number, kind: 'refund' | 'chargeback'): void {
    const payment = this.payments[p];
    if (!payment) return;
    const invoice = this.invoices[payment.invoice];
    const refundable = payment.allocated + payment.credit;
    const amount = Math.min(refundable, Math.max(1, Math.round(refundable * share)));
    if (refundable <= 0) return;
    const { fromInvoice, fromCredit } = splitReversal({ amount, allocated: payment.allocated, invoice, credit: this.credit, kind });
    payment.allocated -= fromInvoice;
    payment.credit -= fromCredit;
    if (fromInvoice > 0) {
      invoice.amountPaid -= fromInvoice;
      invoice.status = settlementStatus(invoice.total, invoice.amountPaid);
    }
    this.credit -= fromCredit;
    this.refunded += amount;
  }

  waive(i: number): void {
    const invoice = this.invoices[i];
    if (!invoice || invoice.lateFee === 0 || invoice.status === 'void') return;
    const lowered = lowerTotal(invoice, invoice.total - invoice.lateFee);
    this.waived += invoice.lateFee;
    invoice.total -= invoice.lateFee;
    invoice.lateFee = 0;
    invoice.amountPaid = lowered.amountPaid;
    invoice.status = lowered.status;
    this.credit += lowered.excess;
  }

  void(i: number): void {
    const invoice = this.invoices[i];
    if (!invoice || invoice.status === 'void') return;
    this.voided += invoice.total;
    this.credit += invoice.amountPaid;
    invoice.status = 'void';
  }

  figures(): AccountFigures {
    const outstanding = this.invoices.reduce((sum, invoice) => sum + outstandingOf(invoice), 0);
    return { billed: this.billed, waived: this.waived, voided: this.voided, paid: this.paid, refunded: this.refunded, outstanding, credit: this.credit };
  }
}

const rupiah = fc.integer({ min: 1, max: 2_000_000 });
const index = fc.nat({ max: 3 });
const share = fc.double({ min: 0, max: 1, noNaN: true });
const operation = fc.oneof(
  fc.record({ op: fc.constant('issue' as const), amount: rupiah }),
  fc.record({ op: fc.constant('lateFee' as const), i: index, amount: fc.integer({ min: 1, max: 100_000 }) }),
  fc.record({ op: fc.constant('pay' as const), i: index, amount: rupiah }),
  fc.record({ op: fc.constant('refund' as const), i: index, share }),
  fc.record({ op: fc.constant('chargeback' as const), i: index, share }),
  fc.record({ op: fc.constant('waive' as const), i: index }),
  fc.record({ op: fc.constant('void' as const), i: index }),
);

describe('ledger invariant', () => {
  it('holds to the rupiah after any sequence of invoices, (partial) payments, refunds, chargebacks, waivers and voids', () => {
    fc.assert(
      fc.property(fc.array(operation, { minLength: 5, maxLength: 80, size: 'large' }), (operations) => {
        const account = new AccountModel();
        for (const o of operations) {
          if (o.op === 'issue') account.issue(o.amount);
          else if (o.op === 'lateFee') account.lateFee(o.i, o.amount);
          else if (o.op === 'pay') account.pay(o.i, o.amount);
          else if (o.op === 'refund' || o.op === 'chargeback') account.reverse(o.i, o.share, o.op);
          else if (o.op === 'waive') account.waive(o.i);
          else account.void(o.i);
          expect(accountDiscrepancy(account.figures())).toBe(0);
          for (const invoice of account.invoices) {
            if (invoice.status !== 'void') expect(invoice.status).toBe(settlementStatus(invoice.total, invoice.amountPaid));
            expect(invoice.amountPaid).toBeGreaterThanOrEqual(0);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe(drawCredit.name, () => {
  it('spends the subscription\'s own credit first, then the account\'s, then the other subscriptions\'', () => {
    const sources = [{ subscriptionId: 'a', credit: 30_000 }, { subscriptionId: null, credit: 5_000 }, { subscriptionId: 'b', credit: 20_000 }, { subscriptionId: 'c', credit: -1_000 }];
    expect(drawCredit(sources, 'b', 40_000)).toEqual([{ subscriptionId: 'b', amount: 20_000 }, { subscriptionId: null, amount: 5_000 }, { subscriptionId: 'a', amount: 15_000 }]);
    expect(drawCredit(sources, 'c', 1_000)).toEqual([{ subscriptionId: null, amount: 1_000 }]);
  });

  it('never draws more than asked nor more than a source holds', () => {
    const source = fc.record({ subscriptionId: fc.constantFrom('a', 'b', 'c', null), credit: fc.integer({ min: -50_000, max: 500_000 }) });
    fc.assert(
      fc.property(fc.array(source, { maxLength: 6 }), fc.constantFrom('a', 'b', 'x'), fc.nat({ max: 2_000_000 }), (sources, forSubscription, amount) => {
        const draws = drawCredit(sources, forSubscription, amount);
        const positive = sources.reduce((sum, s) => sum + Math.max(0, s.credit), 0);
        expect(draws.reduce((sum, d) => sum + d.amount, 0)).toBe(Math.min(amount, positive));
        for (const draw of draws) expect(draw.amount).toBeGreaterThan(0);
      }),
    );
  });
});
