import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import type { BankAccount, IsoWeekday, ReceiptFieldToggles, TenantSettings, TenantSettingsInput } from '@lunas/contracts';
import { AuthService } from '../../core/auth/auth.service';
import { apiErrorMessage } from '../../core/http/api-error-message';

type Toggle = Exclude<keyof ReceiptFieldToggles, 'footerText'>;

const RECEIPT_TOGGLES: ReadonlyArray<[Toggle, string]> = [
  ['showLogo', 'Logo'], ['showBusinessName', 'Nama usaha'], ['showAddress', 'Alamat'], ['showCustomerPhone', 'Telepon pelanggan'],
  ['showNik', 'NIK'], ['showArea', 'Area (mitra)'], ['showPackage', 'Paket'], ['showPeriod', 'Periode'], ['showDiscount', 'Diskon'],
  ['showPaymentMethod', 'Metode pembayaran'], ['showPaidBy', 'Nama kasir'],
];
const WEEKDAYS: ReadonlyArray<[IsoWeekday, string]> = [[1, 'Senin'], [2, 'Selasa'], [3, 'Rabu'], [4, 'Kamis'], [5, 'Jumat'], [6, 'Sabtu'], [7, 'Minggu']];

/** Pengaturan of one mitra (the caller's own, or `?tenantId=` for a superadmin); each save is a new version. */
@Component({
  selector: 'lunas-settings-page',
  imports: [FormsModule, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatSlideToggleModule],
  template: `
    <header class="page-header"><h1>Pengaturan</h1>
      @if (loaded(); as s) {
        <p class="page-subtitle">Versi {{ s.version }}, berlaku sejak {{ s.effectiveFrom }}. Perubahan berlaku untuk dokumen yang terbit setelah disimpan.</p>
      }
    </header>
    @if (error(); as message) {
      <p class="error" role="alert">{{ message }}</p>
    }
    @if (saved()) {
      <p class="ok" role="status">Pengaturan tersimpan.</p>
    }
    @if (form(); as f) {
      <form (ngSubmit)="save(f)" class="settings">
        <fieldset><legend>Usaha</legend>
          <mat-form-field appearance="outline"><mat-label>Nama usaha</mat-label><input matInput name="businessName" [(ngModel)]="f.businessName" required /></mat-form-field>
          <mat-form-field appearance="outline"><mat-label>Alamat</mat-label><textarea matInput name="address" [(ngModel)]="f.address"></textarea></mat-form-field>
          <mat-form-field appearance="outline"><mat-label>NPWP</mat-label><input matInput name="npwp" [(ngModel)]="f.npwp" /></mat-form-field>
          <label>Logo (PNG/JPEG/SVG, ≤ 65 kB) <input type="file" accept="image/png,image/jpeg,image/svg+xml" (change)="pickLogo($event, f)" /></label>
          @if (f.logoDataUrl) { <img [src]="f.logoDataUrl" alt="Logo" class="logo" /> <button mat-button type="button" (click)="f.logoDataUrl = null">Hapus logo</button> }
        </fieldset>
        <fieldset><legend>Tagihan</legend>
          <mat-form-field appearance="outline"><mat-label>Tarif PPN (basis poin, 1100 = 11 %)</mat-label><input matInput type="number" name="ppn" [(ngModel)]="f.ppnRateBasisPoints" /></mat-form-field>
          <mat-slide-toggle name="incl" [(ngModel)]="f.pricesIncludePpn">Harga sudah termasuk PPN</mat-slide-toggle>
          <mat-form-field appearance="outline"><mat-label>Awalan nomor tagihan</mat-label><input matInput name="prefix" [(ngModel)]="f.invoiceNumberPrefix" /></mat-form-field>
          <mat-form-field appearance="outline"><mat-label>Tanggal tagihan bawaan (1–28)</mat-label><input matInput type="number" name="billingDay" [(ngModel)]="f.billingDefaults.billingDay" /></mat-form-field>
          <mat-form-field appearance="outline"><mat-label>Akun gateway</mat-label>
            <mat-select name="gateway" [(ngModel)]="f.gatewayAccount"><mat-option value="default">Akun platform</mat-option><mat-option value="own">Akun sendiri (bila terdaftar, selain itu akun platform)</mat-option></mat-select>
          </mat-form-field>
        </fieldset>
        <fieldset><legend>Nota</legend>
          @for (toggle of receiptToggles; track toggle[0]) {
            <mat-checkbox [name]="toggle[0]" [(ngModel)]="f.receipt[toggle[0]]">{{ toggle[1] }}</mat-checkbox>
          }
          <mat-form-field appearance="outline"><mat-label>Teks kaki nota</mat-label><input matInput name="footer" [(ngModel)]="f.receipt.footerText" /></mat-form-field>
        </fieldset>
        <fieldset><legend>Jendela kirim pesan</legend>
          <mat-form-field appearance="outline"><mat-label>Mulai</mat-label><input matInput type="time" name="start" [(ngModel)]="f.sendWindow.start" /></mat-form-field>
          <mat-form-field appearance="outline"><mat-label>Selesai</mat-label><input matInput type="time" name="end" [(ngModel)]="f.sendWindow.end" /></mat-form-field>
          <mat-form-field appearance="outline"><mat-label>Hari libur mingguan</mat-label>
            <mat-select multiple name="quietWeekdays" [(ngModel)]="f.sendWindow.quietWeekdays">
              @for (day of weekdays; track day[0]) { <mat-option [value]="day[0]">{{ day[1] }}</mat-option> }
            </mat-select>
          </mat-form-field>
          <mat-form-field appearance="outline"><mat-label>Tanggal libur (YYYY-MM-DD, pisahkan koma)</mat-label>
            <input matInput name="quietDates" [ngModel]="f.sendWindow.quietDates.join(', ')" (ngModelChange)="f.sendWindow.quietDates = splitDates($event)" />
          </mat-form-field>
        </fieldset>
        <fieldset><legend>Rekening transfer</legend>
          @for (account of f.bankAccounts; track $index) {
            <div class="bank">
              <mat-form-field appearance="outline"><mat-label>Bank</mat-label><input matInput [name]="'bank' + $index" [(ngModel)]="account.bankName" /></mat-form-field>
              <mat-form-field appearance="outline"><mat-label>Nomor rekening</mat-label><input matInput [name]="'no' + $index" [(ngModel)]="account.accountNumber" /></mat-form-field>
              <mat-form-field appearance="outline"><mat-label>Atas nama</mat-label><input matInput [name]="'holder' + $index" [(ngModel)]="account.holder" /></mat-form-field>
              <button mat-button type="button" (click)="f.bankAccounts.splice($index, 1)">Hapus</button>
            </div>
          }
          <button mat-stroked-button type="button" (click)="f.bankAccounts.push(emptyAccount())">Tambah rekening</button>
        </fieldset>
        <button mat-flat-button type="submit" [disabled]="!canManage()">Simpan</button>
      </form>
    }
  `,
  styles: `
    .settings fieldset { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; border: 1px solid var(--border); border-radius: var(--radius); margin-bottom: 1rem; }
    .bank { display: flex; gap: 0.5rem; flex-wrap: wrap; }
    .logo { max-height: 3rem; }
    .error { color: var(--danger); }
    .ok { color: var(--success); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SettingsPageComponent {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthService);
  readonly tenantId = input<string>();
  protected readonly receiptToggles = RECEIPT_TOGGLES;
  protected readonly weekdays = WEEKDAYS;
  protected readonly loaded = signal<TenantSettings | null>(null);
  protected readonly form = signal<Mutable | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly saved = signal(false);
  protected readonly canManage = computed(() => this.auth.user()?.roles.includes('superadmin') ?? false);
  private readonly target = computed(() => this.tenantId() ?? this.auth.user()?.tenantId ?? '');

  constructor() {
    effect(() => {
      const id = this.target();
      if (!id) return;
      this.http.get<TenantSettings>(`/api/v1/tenants/${id}/settings`).subscribe({
        next: (settings) => this.show(settings),
        error: (error: unknown) => this.error.set(apiErrorMessage(error)),
      });
    });
  }

  protected save(form: TenantSettingsInput): void {
    this.saved.set(false);
    this.error.set(null);
    this.http.put<TenantSettings>(`/api/v1/tenants/${this.target()}/settings`, form).subscribe({
      next: (settings) => (this.show(settings), this.saved.set(true)),
      error: (error: unknown) => this.error.set(apiErrorMessage(error)),
    });
  }

  protected pickLogo(event: Event, form: Mutable): void {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (!file) return;
    const reader = new FileReader();
    reader.onload = () => (form.logoDataUrl = String(reader.result));
    reader.readAsDataURL(file);
  }

  protected splitDates(text: string): string[] {
    return text.split(',').map((d) => d.trim()).filter(Boolean);
  }

  protected emptyAccount(): BankAccount {
    return { bankName: '', accountNumber: '', holder: '' };
  }

  private show(settings: TenantSettings): void {
    this.loaded.set(settings);
    const { tenantId: _tenantId, version: _version, effectiveFrom: _effectiveFrom, ...input } = structuredClone(settings);
    this.form.set(input as Mutable);
  }
}

/** The form's model: the settings with mutable nested parts. */
interface Mutable {
  businessName: string;
  logoDataUrl: string | null;
  address: string;
  npwp: string;
  ppnRateBasisPoints: number;
  pricesIncludePpn: boolean;
  invoiceNumberPrefix: string;
  billingDefaults: { billingDay: number };
  receipt: { -readonly [K in keyof ReceiptFieldToggles]: ReceiptFieldToggles[K] };
  sendWindow: { start: string; end: string; quietWeekdays: IsoWeekday[]; quietDates: string[] };
  gatewayAccount: TenantSettingsInput['gatewayAccount'];
  bankAccounts: Array<{ bankName: string; accountNumber: string; holder: string }>;
}
