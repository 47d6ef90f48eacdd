import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { ActivatedRoute, RouterLink, type ParamMap } from '@angular/router';
import { apiErrorMessage } from '../../core/http/api-error-message';
import { MessagingService, type MessageLogEntry, type MessageTemplate, type SenderQueue, type TemplateVariable, type WhatsappSession } from './messaging.service';

/** How often the WhatsApp status (and its QR, renewed every ~20 s) and the queue are read again. */
export const MESSAGING_REFRESH_MS = 3_000;

const LOG_STATUS_WORDS: Record<string, string> = { sent: 'terkirim', failed: 'gagal', pending: 'menunggu', skipped: 'dilewati' };

/** The log filters the URL carries: `status`, `date` and (superadmin) `tenantId`. */
function logFiltersOf(params: ParamMap): Record<string, string> {
  const filters: Record<string, string> = {};
  for (const key of ['status', 'date', 'tenantId']) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

/** What the filtered log shows, e.g. "Hanya pesan gagal pada 2026-11-20."; null when it is not filtered. */
function logFilterLabel(filters: Record<string, string>): string | null {
  if (!filters['status'] && !filters['date']) return null;
  const status = filters['status'] ? ` ${LOG_STATUS_WORDS[filters['status']] ?? filters['status']}` : '';
  return `Hanya pesan${status}${filters['date'] ? ` pada ${filters['date']}` : ''}.`;
}

/** WhatsApp (status, live QR, pairing), the sender's anti-ban queue, templates with preview, bulk send and the log. */
@Component({
  selector: 'lunas-messaging-page',
  imports: [FormsModule, DatePipe, MatButtonModule, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>WhatsApp &amp; Pesan</h1>
    <section data-testid="whatsapp">
      <h2>WhatsApp</h2>
      @if (session(); as s) {
        <p>Status: <strong data-testid="whatsapp-status">{{ s.statusLabel }}</strong>
          @if (s.phoneNumber) { · nomor +{{ s.phoneNumber }} }
          @if (s.lastSeenAt) { · terakhir aktif {{ s.lastSeenAt | date: 'd MMM y HH:mm' }} }</p>
        @if (s.qrDataUrl) { <img [src]="s.qrDataUrl" alt="QR WhatsApp" width="240" height="240" data-testid="whatsapp-qr" /> }
        @if (s.pairingCode) { <p>Kode pemasangan: <strong>{{ s.pairingCode }}</strong></p> }
        @if (s.status !== 'connected') {
          <p><input [(ngModel)]="pairingPhone" placeholder="Nomor untuk kode (opsional), mis. 6281…" />
            <button mat-flat-button type="button" (click)="connectWhatsapp()">Hubungkan WhatsApp</button></p>
        }
      }
      @if (queue(); as q) {
        <p data-testid="queue">Antrian: {{ q.depth }} pesan · terkirim hari ini {{ q.sentToday }}/{{ q.maxPerDay }} · jam ini {{ q.sentLastHour }}/{{ q.maxPerHour }}
          @if (q.nextSendAt) { · berikutnya {{ q.nextSendAt | date: 'HH:mm:ss' }} }</p>
      }
    </section>

    <section data-testid="templates">
      <h2>Template pesan</h2>
      <select [(ngModel)]="selectedKind" (ngModelChange)="selectTemplate($event)">
        @for (t of templates(); track t.kind) { <option [value]="t.kind">{{ t.label }}{{ t.isDefault ? '' : ' (diubah)' }}</option> }
      </select>
      <p class="muted">Variabel: @for (v of variables(); track v.name) { <code [title]="v.description">{{ '{' + v.name + '}' }}</code> }</p>
      <textarea rows="10" cols="70" [(ngModel)]="draft" data-testid="template-draft"></textarea>
      <p><button mat-stroked-button type="button" (click)="previewTemplate()">Pratinjau</button>
        <button mat-flat-button type="button" (click)="saveTemplate()">Simpan</button></p>
      @if (templateError()) { <p role="alert" data-testid="template-error">{{ templateError() }}</p> }
      @for (p of previews(); track $index) { <pre data-testid="template-preview">{{ p }}</pre> }
    </section>

    <section data-testid="bulk">
      <h2>Kirim massal</h2>
      <select [(ngModel)]="bulkFilter"><option value="unpaid">Pelanggan dengan tagihan belum lunas</option><option value="all">Semua pelanggan</option></select>
      <input [(ngModel)]="maintenanceSchedule" placeholder="Jadwal pemeliharaan (untuk template pemeliharaan)" />
      <button mat-stroked-button type="button" (click)="previewBulk()">Hitung penerima</button>
      @if (bulkCount() !== null) {
        <p data-testid="bulk-count">{{ bulkCount() }} penerima akan menerima "{{ selectedLabel() }}".
          <button mat-flat-button type="button" (click)="sendBulk()">Kirim lewat antrian</button></p>
      }
      @if (bulkResult()) { <p data-testid="bulk-result">{{ bulkResult() }}</p> }
    </section>

    <section data-testid="log">
      <h2>Log pesan</h2>
      @if (logFilterLabel(); as label) { <p data-testid="log-filter">{{ label }} <a routerLink="/whatsapp">Tampilkan semua</a></p> }
      <table>
        <tr><th>Waktu</th><th>Saluran</th><th>Template</th><th>Penerima</th><th>Status</th><th>Diterima</th><th>Kesalahan</th></tr>
        @for (row of log(); track row.id) {
          <tr><td>{{ row.createdAt | date: 'd MMM HH:mm' }}</td><td>{{ row.channel }}</td><td>{{ row.template }}</td><td>{{ row.recipient }}</td>
            <td>{{ row.status }}</td><td>{{ row.deliveryStatus ?? '-' }}</td><td>{{ row.error ?? '' }}</td></tr>
        }
      </table>
    </section>
  `,
})
export class MessagingPageComponent {
  private readonly api = inject(MessagingService);
  /** The log's filters from the URL (Beranda's "messages sent / failed today" link here). */
  private readonly logFilters = logFiltersOf(inject(ActivatedRoute).snapshot.queryParamMap);
  protected readonly logFilterLabel = signal(logFilterLabel(this.logFilters));
  protected readonly session = signal<WhatsappSession | null>(null);
  protected readonly queue = signal<SenderQueue | null>(null);
  protected readonly templates = signal<MessageTemplate[]>([]);
  protected readonly variables = signal<TemplateVariable[]>([]);
  protected readonly previews = signal<string[]>([]);
  protected readonly templateError = signal<string | null>(null);
  protected readonly log = signal<MessageLogEntry[]>([]);
  protected readonly bulkCount = signal<number | null>(null);
  protected readonly bulkResult = signal<string | null>(null);
  protected pairingPhone = '';
  protected selectedKind = 'invoice_issued';
  protected draft = '';
  protected bulkFilter: 'all' | 'unpaid' = 'unpaid';
  protected maintenanceSchedule = '';

  constructor() {
    this.refresh();
    const timer = setInterval(() => this.refresh(), MESSAGING_REFRESH_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
    this.api.templates().subscribe(({ templates, variables }) => {
      this.templates.set(templates);
      this.variables.set(variables);
      this.selectTemplate(this.selectedKind);
    });
  }

  protected selectedLabel(): string {
    return this.templates().find((t) => t.kind === this.selectedKind)?.label ?? this.selectedKind;
  }

  protected selectTemplate(kind: string): void {
    this.draft = (this.templates().find((t) => t.kind === kind)?.variants ?? []).join('\n---\n');
    this.previews.set([]);
    this.templateError.set(null);
  }

  protected connectWhatsapp(): void {
    this.api.connect(this.pairingPhone.trim() || undefined).subscribe((session) => this.session.set(session));
  }

  protected previewTemplate(): void {
    this.api.preview(this.variants()).subscribe({ next: ({ previews }) => (this.templateError.set(null), this.previews.set(previews)), error: (error) => this.templateError.set(apiErrorMessage(error)) });
  }

  protected saveTemplate(): void {
    this.api.saveTemplate(this.selectedKind, this.variants()).subscribe({
      next: () => this.templateError.set(null),
      error: (error) => this.templateError.set(apiErrorMessage(error)),
    });
  }

  protected previewBulk(): void {
    this.api.bulk(this.selectedKind, this.bulkFilter, true, this.bulkVars()).subscribe({ next: ({ recipients }) => this.bulkCount.set(recipients), error: (error) => this.bulkResult.set(apiErrorMessage(error)) });
  }

  protected sendBulk(): void {
    this.api.bulk(this.selectedKind, this.bulkFilter, false, this.bulkVars()).subscribe({
      next: ({ queued }) => (this.bulkCount.set(null), this.bulkResult.set(`${queued} pesan masuk antrian dan dikirim bertahap.`)),
      error: (error) => this.bulkResult.set(apiErrorMessage(error)),
    });
  }

  /** Variants are separated by a line `---` in the editor. */
  private variants(): string[] {
    return this.draft.split(/\n---\n/).map((variant) => variant.trim()).filter(Boolean);
  }

  private bulkVars(): Record<string, string> {
    return this.maintenanceSchedule.trim() ? { jadwalPemeliharaan: this.maintenanceSchedule.trim() } : {};
  }

  private refresh(): void {
    this.api.whatsapp().subscribe((session) => this.session.set(session));
    this.api.queue().subscribe({ next: (queue) => this.queue.set(queue), error: () => this.queue.set(null) });
    this.api.log(this.logFilters).subscribe((log) => this.log.set(log));
  }
}
