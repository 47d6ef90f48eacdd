import { HttpClient } from '@angular/common/http';
import { DatePipe, JsonPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import type { AuditLogRecord, Page } from '@lunas/contracts';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatTableModule } from '@angular/material/table';
import { ListFrameComponent } from '../../shared/list/list-frame.component';
import { apiListParams } from '../../shared/list/list-query';
import { ListSearchComponent } from '../../shared/list/list-search.component';
import { ListStore } from '../../shared/list/list-store';

export const AUDIT_LOG_URL = '/api/v1/audit-log';

/** Jejak Audit: every change made by a person — who, when, from which IP, before/after and why; filterable. */
@Component({
  selector: 'lunas-audit-log-page',
  imports: [DatePipe, JsonPipe, MatTableModule, MatFormFieldModule, MatInputModule, MatButtonModule, ListFrameComponent, ListSearchComponent],
  templateUrl: './audit-log.page.html',
  styles: `pre { margin: 0; max-width: 28rem; white-space: pre-wrap; word-break: break-word; font-size: 0.8rem; }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditLogPageComponent {
  private readonly http = inject(HttpClient);

  protected readonly store = new ListStore<AuditLogRecord>(['action', 'entityType', 'entityId', 'actorUserId', 'from', 'to', 'tenantId'], (query) =>
    this.http.get<Page<AuditLogRecord>>(AUDIT_LOG_URL, { params: apiListParams(query) }),
  );
  protected readonly columns = ['at', 'actor', 'action', 'entity', 'reason', 'changes'];
  /** Rows whose before/after is open. */
  protected readonly open = signal<ReadonlySet<string>>(new Set());

  protected toggle(id: string): void {
    this.open.update((open) => {
      const next = new Set(open);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }

  protected changeFilter(key: string, event: Event): void {
    this.store.filter(key, (event.target as HTMLInputElement).value.trim());
  }
}
