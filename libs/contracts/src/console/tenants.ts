import type { ListQuery } from './list';

export const TENANT_SORT_FIELDS = ['businessName', 'createdAt'] as const;

/** `GET /api/v1/tenants` (superadmin: every tenant; a holder of tenant.read: its own). `q` searches the business name. */
export interface ListTenantsQuery extends ListQuery {
  active?: boolean;
}

export interface BankAccount {
  bankName: string;
  accountNumber: string;
  holder: string;
}

export interface TenantRecord {
  id: string;
  kind: 'platform' | 'mitra';
  businessName: string;
  contactName: string | null;
  phone: string | null;
  email: string | null;
  /** The tenant's account reference at the payment gateway (sub-merchant / account id). */
  gatewayAccountRef: string | null;
  /** Accounts customers transfer to (shown on invoices and pay pages). */
  bankAccounts: BankAccount[];
  referenceNo: number;
  active: boolean;
  customerCount: number;
  createdAt: string;
}

/** `POST /api/v1/tenants` (superadmin). */
export interface CreateTenantRequest {
  businessName: string;
  contactName?: string | null;
  phone?: string | null;
  email?: string | null;
  gatewayAccountRef?: string | null;
  bankAccounts?: BankAccount[];
}

/** `PATCH /api/v1/tenants/:id` (tenant.manage: superadmin). `active: false` also needs a reason. */
export type UpdateTenantRequest = Partial<CreateTenantRequest> & { active?: boolean; reason?: string };

/** `PUT /api/v1/tenants/:id/bank-accounts` (tenant.bank_account.manage: a mitra for its own tenant). */
export interface SetBankAccountsRequest {
  bankAccounts: BankAccount[];
}
