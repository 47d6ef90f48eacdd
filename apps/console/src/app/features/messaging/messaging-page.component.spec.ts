import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap, provideRouter } from '@angular/router';
import { provideIndonesianLocale } from '../../core/format/locale';
import { MessagingPageComponent } from './messaging-page.component';
import { MESSAGING_URL } from './messaging.service';

function renderPage(query: Record<string, string> = {}) {
  TestBed.configureTestingModule({
    imports: [MessagingPageComponent],
    providers: [
      provideHttpClient(), provideHttpClientTesting(), provideIndonesianLocale(), provideRouter([]),
      { provide: ActivatedRoute, useValue: { snapshot: { queryParamMap: convertToParamMap(query) } } },
    ],
  });
  const fixture = TestBed.createComponent(MessagingPageComponent);
  const http = TestBed.inject(HttpTestingController);
  const element: HTMLElement = fixture.nativeElement;
  const settle = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
  };
  const text = (selector: string) => element.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();
  const click = (label: string) => Array.from(element.querySelectorAll('button')).find((button) => button.textContent?.trim() === label)?.click();
  return { fixture, http, element, settle, text, click };
}

describe(MessagingPageComponent.name, () => {
  it('shows the WhatsApp status with the QR to scan and the queue', async () => {
    const { http, settle, text, element } = renderPage();
    http.expectOne(`${MESSAGING_URL}/whatsapp`).flush({ status: 'logged_out', statusLabel: 'Perlu scan ulang', qrDataUrl: 'data:image/png;base64,AAAA', pairingCode: null, phoneNumber: null, lastSeenAt: null });
    http.expectOne(`${MESSAGING_URL}/queue`).flush({ depth: 120, nextSendAt: null, sentToday: 40, sentLastHour: 12, maxPerDay: 300, maxPerHour: 50 });
    http.expectOne(`${MESSAGING_URL}/log`).flush([]);
    http.expectOne(`${MESSAGING_URL}/templates`).flush({ templates: [{ kind: 'invoice_issued', label: 'Tagihan baru', variants: ['Halo {nama}'], isDefault: true }], variables: [{ name: 'nama', description: 'Nama pelanggan' }] });
    await settle();
    expect(text('[data-testid="whatsapp-status"]')).toBe('Perlu scan ulang');
    expect(element.querySelector('[data-testid="whatsapp-qr"]')?.getAttribute('src')).toBe('data:image/png;base64,AAAA');
    expect(text('[data-testid="queue"]')).toContain('Antrian: 120 pesan · terkirim hari ini 40/300 · jam ini 12/50');
  });

  it('shows the API\'s refusal of an unknown variable, and counts bulk recipients before sending', async () => {
    const { http, settle, text, click, fixture } = renderPage();
    http.expectOne(`${MESSAGING_URL}/whatsapp`).flush({ status: 'connected', statusLabel: 'Terhubung', qrDataUrl: null, pairingCode: null, phoneNumber: '6281200000001', lastSeenAt: null });
    http.expectOne(`${MESSAGING_URL}/queue`).flush({ depth: 0, nextSendAt: null, sentToday: 0, sentLastHour: 0, maxPerDay: 300, maxPerHour: 50 });
    http.expectOne(`${MESSAGING_URL}/log`).flush([]);
    http.expectOne(`${MESSAGING_URL}/templates`).flush({ templates: [{ kind: 'invoice_issued', label: 'Tagihan baru', variants: ['Halo {nama} {tgl}'], isDefault: false }], variables: [] });
    await settle();
    click('Simpan');
    const save = http.expectOne(`${MESSAGING_URL}/templates/invoice_issued`);
    expect(save.request.body).toEqual({ variants: ['Halo {nama} {tgl}'] });
    save.flush({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'Variabel {tgl} tidak dikenal.', instance: '/x' }, { status: 400, statusText: 'Bad Request' });
    await settle();
    expect(text('[data-testid="template-error"]')).toBe('Variabel {tgl} tidak dikenal.');

    click('Hitung penerima');
    const preview = http.expectOne(`${MESSAGING_URL}/bulk`);
    expect(preview.request.body).toMatchObject({ kind: 'invoice_issued', filter: 'unpaid', preview: true });
    preview.flush({ recipients: 37, queued: 0 });
    await settle();
    expect(text('[data-testid="bulk-count"]')).toContain('37 penerima');
    fixture.destroy();
  });
  it("shows only the messages Beranda's figure counts when opened from it", async () => {
    const { http, settle, text } = renderPage({ status: 'failed', date: '2026-11-20' });
    http.expectOne(`${MESSAGING_URL}/whatsapp`).flush({ status: 'connected', statusLabel: 'Terhubung', qrDataUrl: null, pairingCode: null, phoneNumber: null, lastSeenAt: null });
    http.expectOne(`${MESSAGING_URL}/queue`).flush({ depth: 0, nextSendAt: null, sentToday: 0, sentLastHour: 0, maxPerDay: 300, maxPerHour: 50 });
    const log = http.expectOne((request) => request.url === `${MESSAGING_URL}/log`);
    expect([log.request.params.get('status'), log.request.params.get('date')]).toEqual(['failed', '2026-11-20']);
    log.flush([{ id: 'n1', customerId: null, channel: 'whatsapp', template: 'receipt', recipient: '6281234567890', status: 'failed', deliveryStatus: null, error: 'WhatsApp belum terhubung', body: '', createdAt: '2026-11-20T03:00:00Z' }]);
    http.expectOne(`${MESSAGING_URL}/templates`).flush({ templates: [], variables: [] });
    await settle();
    expect(text('[data-testid="log-filter"]')).toBe('Hanya pesan gagal pada 2026-11-20. Tampilkan semua');
    expect(text('[data-testid="log"]')).toContain('WhatsApp belum terhubung');
  });
});
