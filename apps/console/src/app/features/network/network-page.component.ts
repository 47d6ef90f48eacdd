import { DatePipe } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import type { LiveSessionView, NetworkActionView, NetworkDeviceView } from '@lunas/contracts';
import { apiErrorMessage } from '../../core/http/api-error-message';
import { NetworkService } from './network.service';

/** Jaringan: the mitra's NAS / routers (and registering one), live PPPoE sessions, and the action log of a subscription. */
@Component({
  selector: 'lunas-network-page',
  imports: [DatePipe, FormsModule, MatButtonModule, MatCardModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatTableModule],
  templateUrl: './network-page.component.html',
})
export class NetworkPageComponent {
  private readonly network = inject(NetworkService);

  protected readonly devices = signal<NetworkDeviceView[]>([]);
  protected readonly sessions = signal<LiveSessionView[]>([]);
  protected readonly actions = signal<NetworkActionView[] | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly deviceColumns = ['name', 'site', 'method', 'address', 'port'];
  protected readonly sessionColumns = ['userName', 'framedIpAddress', 'nasIpAddress', 'startedAt', 'isolated'];
  protected readonly actionColumns = ['createdAt', 'action', 'result', 'adapter'];
  protected draft = NetworkPageComponent.emptyDraft();
  protected subscriptionId = '';

  constructor() {
    this.reload();
  }

  protected reload(): void {
    this.network.devices().subscribe({ next: (rows) => this.devices.set(rows), error: (e: HttpErrorResponse) => this.error.set(apiErrorMessage(e)) });
    this.network.sessions().subscribe({ next: (rows) => this.sessions.set(rows), error: (e: HttpErrorResponse) => this.error.set(apiErrorMessage(e)) });
  }

  protected registerDevice(): void {
    const { name, site, method, address, secret, apiUsername, apiPort, apiTls } = this.draft;
    const credentials = method === 'radius' ? { radiusSecret: secret } : { apiUsername, apiPassword: secret, apiPort: Number(apiPort), apiTls };
    this.network.register({ name, site: site || undefined, method, address, ...credentials }).subscribe({
      next: () => {
        this.error.set(null);
        this.draft = NetworkPageComponent.emptyDraft();
        this.reload();
      },
      error: (e: HttpErrorResponse) => this.error.set(apiErrorMessage(e)),
    });
  }

  /** The registration form, empty: RADIUS, or for RouterOS the plain API service on its default port. */
  private static emptyDraft() {
    return { name: '', site: '', method: 'radius' as 'radius' | 'routeros', address: '', secret: '', apiUsername: '', apiPort: 8728, apiTls: false };
  }

  protected showActions(): void {
    this.network.actions(this.subscriptionId.trim()).subscribe({
      next: (rows) => {
        this.error.set(null);
        this.actions.set(rows);
      },
      error: (e: HttpErrorResponse) => this.error.set(apiErrorMessage(e)),
    });
  }
}
