import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { By } from '@angular/platform-browser';
import { provideIndonesianLocale } from '../../core/format/locale';
import { ManualPaymentData, ManualPaymentDialogComponent, STALE_INVOICE_MESSAGE } from './manual-payment.dialog';

const INVOICE: ManualPaymentData = { invoiceId: 'inv-1', number: 'INV/2026/12/000001', customerName: 'Andi', balance: 166_500, version: 3 };

async function open() {
  const close = jest.fn();
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideIndonesianLocale(),
      { provide: MAT_DIALOG_DATA, useValue: INVOICE },
      { provide: MatDialogRef, useValue: { close } },
    ],
  });
  const fixture = TestBed.createComponent(ManualPaymentDialogComponent);
  await fixture.whenStable();
  return { fixture, close, backend: TestBed.inject(HttpTestingController) };
}

async function submit(fixture: Awaited<ReturnType<typeof open>>['fixture']) {
  fixture.debugElement.query(By.css('form')).triggerEventHandler('ngSubmit');
  await fixture.whenStable();
}

describe(ManualPaymentDialogComponent.name, () => {
  it('records the balance in cash against the version read, once per form (Idempotency-Key), and closes with the payment', async () => {
    const { fixture, close, backend } = await open();

    await submit(fixture);
    const request = backend.expectOne('/api/v1/invoices/inv-1/payments');
    expect(request.request.body).toEqual({ version: 3, amount: 166_500, method: 'cash' });
    const key = request.request.headers.get('Idempotency-Key');
    expect(key).toMatch(/^console-[0-9a-f]{32}$/);
    const payment = { paymentId: 'p-1', allocated: 166_500, overpayment: 0, invoice: { invoiceId: 'inv-1', status: 'paid', total: 166_500, amountPaid: 166_500, balance: 0, version: 4 } };
    request.flush(payment);
    await fixture.whenStable();

    expect(close).toHaveBeenCalledWith({ kind: 'recorded', payment });
  });

  it('says the invoice changed and offers to reload when the API refuses the stale version (409)', async () => {
    const { fixture, close, backend } = await open();

    await submit(fixture);
    backend
      .expectOne('/api/v1/invoices/inv-1/payments')
      .flush({ status: 409, code: 'INVOICE_STALE', detail: 'Tagihan sudah berubah, muat ulang' }, { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();

    const alert = fixture.nativeElement.querySelector('[role="alert"]') as HTMLElement;
    expect(alert.textContent?.trim()).toBe(STALE_INVOICE_MESSAGE);
    const reload = Array.from(fixture.nativeElement.querySelectorAll('button') as NodeListOf<HTMLButtonElement>).find((b) => b.textContent?.includes('Muat ulang'));
    reload?.click();
    expect(close).toHaveBeenCalledWith({ kind: 'reload' });
    backend.verify();
  });

  it("shows the API's field error on the amount and records nothing else", async () => {
    const { fixture, backend } = await open();

    await submit(fixture);
    backend
      .expectOne('/api/v1/invoices/inv-1/payments')
      .flush({ status: 400, detail: 'Jumlah terlalu besar', errors: [{ field: 'amount', message: 'Jumlah melebihi batas per pembayaran.' }] }, { status: 400, statusText: 'Bad Request' });
    await fixture.whenStable();

    expect(fixture.nativeElement.querySelector('mat-error')?.textContent).toContain('Jumlah melebihi batas per pembayaran.');
    backend.verify();
  });
});
