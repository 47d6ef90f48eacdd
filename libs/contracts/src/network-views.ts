/** `GET /api/v1/network/devices`: a NAS / router of the mitra (secrets are never sent). */
export interface NetworkDeviceView {
  id: string;
  tenantId: string;
  name: string;
  site: string | null;
  method: 'radius' | 'routeros';
  address: string;
  coaPort: number;
  apiPort: number;
  apiTls: boolean;
  apiUsername: string | null;
  hasSecret: boolean;
}

/** `GET /api/v1/network/sessions`: an open PPPoE session from FreeRADIUS accounting. */
export interface LiveSessionView {
  acctSessionId: string;
  userName: string;
  subscriptionId: string | null;
  nasIpAddress: string;
  framedIpAddress: string | null;
  startedAt: string | null;
  isolated: boolean;
}

/** `GET /api/v1/network/actions?subscriptionId=`: one suspend / unsuspend of a subscription. */
export interface NetworkActionView {
  id: string;
  action: string;
  result: string;
  adapter: string | null;
  detail: Record<string, unknown> | null;
  createdAt: string;
  completedAt: string | null;
}
