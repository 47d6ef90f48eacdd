import type { ListQuery } from './list';

export const CUSTOMER_STATUSES = ['active', 'inactive'] as const;
/** `inactive`: deactivated (kept with its history, hidden from new subscriptions). */
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

export const CUSTOMER_SORT_FIELDS = ['name', 'code', 'registerDate', 'createdAt'] as const;
export type CustomerSortField = (typeof CUSTOMER_SORT_FIELDS)[number];

/**
 * `GET /api/v1/customers`. `q` searches name, phone, PPPoE username and customer number.
 * `area` is the customer's mitra (a tenant's business name is its area); a superadmin may narrow by `tenantId`.
 */
export interface ListCustomersQuery extends ListQuery {
  status?: CustomerStatus;
  packageId?: string;
  /** Superadmin only (ignored for everyone else): one mitra = one area. */
  tenantId?: string;
}

/** A row of the customer list. */
export interface CustomerListItem {
  id: string;
  tenantId: string;
  /** The mitra's business name (the customer's area). */
  area: string;
  code: string;
  name: string;
  /** E.164 without `+`: `6281234567890`. */
  phone: string;
  email: string | null;
  status: CustomerStatus;
  /** PPPoE usernames of its subscriptions. */
  pppoeUsernames: string[];
  /** Package names of its active subscriptions. */
  packages: string[];
  registerDate: string;
  createdAt: string;
}

/** A customer as the console edits it; the NIK is only ever returned masked (`3201••••••••0001`). */
export interface CustomerRecord {
  id: string;
  tenantId: string;
  area: string;
  code: string;
  name: string;
  nikMasked: string | null;
  phone: string;
  email: string | null;
  address: string | null;
  whatsappConsent: boolean;
  emailConsent: boolean;
  consentUpdatedAt: string | null;
  registerDate: string;
  notes: string | null;
  status: CustomerStatus;
  deactivatedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * `POST /api/v1/customers`. Phone in any Indonesian form (`0812…`, `+62 812…`, `62812…`), stored as E.164;
 * NIK: 16 digits, encrypted at rest. `code` defaults to the next free customer number of the tenant.
 * A superadmin names the `tenantId`; everyone else creates in their own tenant.
 */
export interface CreateCustomerRequest {
  tenantId?: string;
  code?: string;
  name: string;
  phone: string;
  nik?: string | null;
  email?: string | null;
  address?: string | null;
  whatsappConsent: boolean;
  emailConsent: boolean;
  /** ISO date; default today (WIB). */
  registerDate?: string;
  notes?: string | null;
}

/**
 * `PATCH /api/v1/customers/:id`: only the fields sent change. A holder of `customer.update_contact` only
 * (mitra) may change phone, email, consents; `customer.update` may change everything.
 */
export type UpdateCustomerRequest = Partial<Omit<CreateCustomerRequest, 'tenantId' | 'code'>>;

/** `POST /api/v1/customers/:id/deactivate` and `/activate` (and `DELETE` … `?reason=`). */
export interface CustomerReasonRequest {
  reason: string;
}

export interface CustomerSubscriptionSummary {
  id: string;
  packageId: string;
  packageName: string;
  status: string;
  pppoeUsername: string | null;
  billingDay: number;
  startedOn: string;
}

export interface CustomerInvoiceSummary {
  id: string;
  number: string;
  period: string;
  dueAt: string;
  total: number;
  balance: number;
  status: string;
}

export interface CustomerPaymentSummary {
  id: string;
  invoiceId: string | null;
  gateway: string;
  method: string;
  amount: number;
  status: string;
  paidAt: string | null;
}

export interface CustomerMessage {
  id: string;
  channel: string;
  template: string;
  recipient: string;
  status: string;
  body: string | null;
  error: string | null;
  sentAt: string | null;
  createdAt: string;
}

export interface CustomerNetworkAction {
  id: string;
  subscriptionId: string;
  action: string;
  result: string;
  detail: Record<string, unknown> | null;
  createdAt: string;
  completedAt: string | null;
}

/** `GET /api/v1/customers/:id`: the record and the latest 50 of each history. */
export interface CustomerDetail {
  customer: CustomerRecord;
  subscriptions: CustomerSubscriptionSummary[];
  invoices: CustomerInvoiceSummary[];
  payments: CustomerPaymentSummary[];
  messages: CustomerMessage[];
  networkActions: CustomerNetworkAction[];
  /** False once it has invoices or payments: then it can only be deactivated. */
  deletable: boolean;
}
