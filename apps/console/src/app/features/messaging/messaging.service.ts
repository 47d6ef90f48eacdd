import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';

export const MESSAGING_URL = '/api/v1/messaging';

/** As `MessageTemplate` / `TemplateVariable` of `libs/contracts` (messaging), which the API answers. */
export type MessageTemplateKind = string;
export interface MessageTemplate {
  kind: MessageTemplateKind;
  label: string;
  variants: string[];
  isDefault: boolean;
}
export interface TemplateVariable {
  name: string;
  description: string;
}

export interface WhatsappSession {
  status: 'disconnected' | 'connecting' | 'connected' | 'logged_out';
  statusLabel: string;
  qrDataUrl: string | null;
  pairingCode: string | null;
  phoneNumber: string | null;
  lastSeenAt: string | null;
}

export interface SenderQueue {
  depth: number;
  nextSendAt: string | null;
  sentToday: number;
  sentLastHour: number;
  maxPerDay: number;
  maxPerHour: number;
}

export interface MessageLogEntry {
  id: string;
  channel: string;
  template: string;
  recipient: string;
  status: string;
  deliveryStatus: string | null;
  error: string | null;
  createdAt: string;
}

/** The messaging REST API (`/api/v1/messaging`). */
@Injectable({ providedIn: 'root' })
export class MessagingService {
  private readonly http = inject(HttpClient);

  whatsapp(): Observable<WhatsappSession> {
    return this.http.get<WhatsappSession>(`${MESSAGING_URL}/whatsapp`);
  }
  connect(pairingPhone?: string): Observable<WhatsappSession> {
    return this.http.post<WhatsappSession>(`${MESSAGING_URL}/whatsapp/connect`, pairingPhone ? { pairingPhone } : {});
  }
  queue(): Observable<SenderQueue> {
    return this.http.get<SenderQueue>(`${MESSAGING_URL}/queue`);
  }
  templates(): Observable<{ templates: MessageTemplate[]; variables: TemplateVariable[] }> {
    return this.http.get<{ templates: MessageTemplate[]; variables: TemplateVariable[] }>(`${MESSAGING_URL}/templates`);
  }
  preview(variants: string[]): Observable<{ previews: string[] }> {
    return this.http.post<{ previews: string[] }>(`${MESSAGING_URL}/templates/preview`, { variants });
  }
  saveTemplate(kind: MessageTemplateKind, variants: string[]): Observable<unknown> {
    return this.http.put(`${MESSAGING_URL}/templates/${kind}`, { variants });
  }
  bulk(kind: MessageTemplateKind, filter: 'all' | 'unpaid', preview: boolean, vars: Record<string, string>): Observable<{ recipients: number; queued: number }> {
    return this.http.post<{ recipients: number; queued: number }>(`${MESSAGING_URL}/bulk`, { kind, filter, preview, vars });
  }
  /** The newest 100 messages, narrowed by the filters Beranda links with (`status`, `date`, `tenantId`). */
  log(filters: Record<string, string> = {}): Observable<MessageLogEntry[]> {
    return this.http.get<MessageLogEntry[]>(`${MESSAGING_URL}/log`, { params: filters });
  }
}
