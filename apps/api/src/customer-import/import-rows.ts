import {
  IMPORT_FIELD_SPECS, IMPORT_FIELDS, type ImportField, type ImportMapping, type ImportPreviewRow, type ImportRowValues,
} from '@lunas/contracts';
import { isIsoDate, normalisePhone, type IsoDate } from '@lunas/domain';
import { Customer, InternetPackage, Subscription, Tenant } from '@lunas/persistence';
import { type EntityManager, In } from 'typeorm';
import type { ImportCsv } from './import-csv';

/** What the rows are checked against: the tenant's packages and its customers and subscriptions the file names. */
export interface ImportContext {
  readonly packages: ReadonlyMap<string, InternetPackage>;
  readonly customers: ReadonlyMap<string, Customer>;
  readonly subscriptions: ReadonlyMap<string, Subscription>;
  readonly defaultBillingDay: number;
  readonly today: IsoDate;
}

/** A row that will write: its values, the package, and the stored customer/subscription it matches (if any). */
export interface ClassifiedRow extends ImportPreviewRow {
  readonly values?: ImportRowValues;
  readonly packageId?: string;
}

const MAX = { code: 30, name: 255, email: 255, pppoeUser: 64 } as const;

/** The cells of the mapped columns of one record, keyed by field. */
export function cellsOf(csv: ImportCsv, mapping: ImportMapping, cells: readonly string[]): Record<ImportField, string> {
  const out = {} as Record<ImportField, string>;
  for (const field of IMPORT_FIELDS) {
    const header = mapping[field];
    out[field] = header === null ? '' : (cells[csv.headers.indexOf(header)] ?? '').trim();
  }
  return out;
}

/** The codes and PPPoE users a file names (to load only the records it can match). */
export function keysOf(csv: ImportCsv, mapping: ImportMapping): { codes: string[]; pppoeUsers: string[] } {
  const rows = csv.records.map((record) => cellsOf(csv, mapping, record.cells));
  return { codes: rows.map(codeOf).filter(Boolean), pppoeUsers: rows.map((row) => row.pppoeUser).filter(Boolean) };
}

export async function loadImportContext(m: EntityManager, tenantId: string, keys: { codes: string[]; pppoeUsers: string[] }, defaultBillingDay: number, today: IsoDate): Promise<ImportContext> {
  const platform = await m.find(Tenant, { where: { kind: 'platform' }, select: { id: true } });
  const packages = await m.find(InternetPackage, { where: { tenantId: In([tenantId, ...platform.map((t) => t.id)]), isActive: true } });
  // The tenant's own package wins over a platform package of the same name.
  const byName = new Map<string, InternetPackage>();
  const ownLast = [...packages].sort((a, b) => Number(a.tenantId === tenantId) - Number(b.tenantId === tenantId));
  for (const pkg of ownLast) byName.set(packageKey(pkg.name), pkg);
  const customers = keys.codes.length ? await m.find(Customer, { where: { tenantId, code: In(keys.codes) } }) : [];
  const subscriptions = keys.pppoeUsers.length ? await m.find(Subscription, { where: { tenantId, pppoeUsername: In(keys.pppoeUsers) }, relations: { customer: true } }) : [];
  return {
    packages: byName,
    customers: new Map(customers.map((c) => [c.code, c])),
    subscriptions: new Map(subscriptions.map((s) => [s.pppoeUsername as string, s])),
    defaultBillingDay,
    today,
  };
}

/**
 * Classifies every record: `invalid` (with each reason: bad phone, unknown package, missing PPPoE user, …),
 * `duplicate` (the same customer code or PPPoE user as an earlier line of the file), `new`, `update` (what
 * changes) or `unchanged`. A subscription that exists with another package, billing day or discount is refused:
 * those change through the subscription's workflow, not an import.
 */
export function classifyRows(csv: ImportCsv, mapping: ImportMapping, context: ImportContext): ClassifiedRow[] {
  const seenCodes = new Map<string, number>();
  const seenPppoe = new Map<string, number>();
  return csv.records.map(({ line, cells: raw }) => {
    const cells = cellsOf(csv, mapping, raw);
    const shown = Object.fromEntries(IMPORT_FIELDS.filter((f) => mapping[f] !== null).map((f) => [f, cells[f]]));
    const reasons: string[] = [];
    const values = readValues(cells, context, reasons);
    if (reasons.length || !values) return { line, status: 'invalid', reasons, cells: shown };

    const duplicateOf = seenPppoe.get(values.pppoeUser.toLowerCase()) ?? seenCodes.get(values.code);
    seenPppoe.set(values.pppoeUser.toLowerCase(), line);
    seenCodes.set(values.code, line);
    if (duplicateOf !== undefined) return { line, status: 'duplicate', reasons: [`Duplikat dalam berkas: kode pelanggan atau user PPPoE sama dengan baris ${duplicateOf}`], cells: shown };

    const pkg = context.packages.get(packageKey(values.packageName)) as InternetPackage;
    if (values.discount > pkg.price) reasons.push(`Diskon Rp ${values.discount} melebihi harga paket Rp ${pkg.price}`);
    const customer = context.customers.get(values.code);
    const subscription = context.subscriptions.get(values.pppoeUser);
    if (subscription && subscription.customer?.code !== values.code) {
      reasons.push(`User PPPoE "${values.pppoeUser}" sudah dipakai pelanggan lain (kode ${subscription.customer?.code})`);
    }
    if (subscription && reasons.length === 0) {
      const differs = [
        subscription.packageId !== pkg.id && 'paket',
        subscription.billingDay !== values.billingDay && 'tanggal tagihan',
        discountOf(values.discount).value !== subscription.discountValue && 'diskon',
      ].filter(Boolean);
      if (differs.length) reasons.push(`Langganan "${values.pppoeUser}" sudah ada dengan ${differs.join(', ')} berbeda; ubah lewat halaman Langganan`);
    }
    if (reasons.length) return { line, status: 'invalid', reasons, cells: shown };

    const changes = customer ? changedFields(customer, values) : [];
    const status = !customer ? 'new' : changes.length || !subscription ? 'update' : 'unchanged';
    const notes = status === 'update' ? [...(changes.length ? [`Diubah: ${changes.join(', ')}`] : []), ...(subscription ? [] : ['Langganan baru'])] : [];
    return { line, status, reasons: notes, cells: shown, values, packageId: pkg.id };
  });
}

function readValues(cells: Record<ImportField, string>, context: ImportContext, reasons: string[]): ImportRowValues | undefined {
  for (const field of IMPORT_FIELDS) {
    if (IMPORT_FIELD_SPECS[field].required && cells[field] === '') {
      reasons.push(field === 'pppoeUser' ? 'User PPPoE kosong' : `${IMPORT_FIELD_SPECS[field].label} kosong`);
    }
  }
  let phone = '';
  if (cells.phone) {
    try {
      phone = normalisePhone(cells.phone);
    } catch {
      reasons.push(`Nomor telepon "${cells.phone}" tidak valid (harus 62…, 10–15 digit)`);
    }
  }
  if (cells.package && !context.packages.has(packageKey(cells.package))) reasons.push(`Paket "${cells.package}" tidak dikenal`);
  const billingDay = cells.billingDay === '' ? context.defaultBillingDay : Number(cells.billingDay);
  if (!Number.isInteger(billingDay) || billingDay < 1 || billingDay > 28) reasons.push(`Tanggal tagihan "${cells.billingDay}" harus 1–28`);
  const discount = cells.discount === '' ? 0 : Number(cells.discount.replace(/\./g, ''));
  if (!Number.isSafeInteger(discount) || discount < 0) reasons.push(`Diskon "${cells.discount}" harus rupiah bulat, 0 atau lebih`);
  const registerDate = cells.registerDate === '' ? context.today : cells.registerDate;
  if (!isIsoDate(registerDate)) reasons.push(`Tanggal daftar "${cells.registerDate}" harus YYYY-MM-DD`);
  if (cells.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(cells.email)) reasons.push(`Email "${cells.email}" tidak valid`);
  if (cells.nik && !/^\d{16}$/.test(cells.nik)) reasons.push(`NIK "${cells.nik}" harus 16 digit`);
  const code = codeOf(cells);
  for (const [field, max] of Object.entries(MAX) as Array<[keyof typeof MAX, number]>) {
    const value = field === 'code' ? code : cells[field];
    if (value.length > max) reasons.push(`${IMPORT_FIELD_SPECS[field].label} lebih dari ${max} karakter`);
  }
  if (reasons.length) return undefined;
  return {
    code, name: cells.name, phone, email: cells.email || null, address: cells.address || null, nik: cells.nik || null,
    packageName: cells.package, billingDay, discount, pppoeUser: cells.pppoeUser, registerDate,
  };
}

/** The customer code: the file's, or the PPPoE user when the file has none (stable, so a re-import matches). */
function codeOf(cells: Record<ImportField, string>): string {
  return cells.code || cells.pppoeUser;
}

export function discountOf(amount: number): { kind: 'none' | 'fixed'; value: number } {
  return amount > 0 ? { kind: 'fixed', value: amount } : { kind: 'none', value: 0 };
}

function changedFields(customer: Customer, values: ImportRowValues): string[] {
  const pairs: Array<[string, unknown, unknown]> = [
    ['nama', customer.name, values.name],
    ['telepon', customer.phone, values.phone],
    ['email', customer.email, values.email],
    ['alamat', customer.address, values.address],
    ['NIK', customer.nik, values.nik],
  ];
  return pairs.filter(([, stored, given]) => stored !== given).map(([label]) => label);
}

function packageKey(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}
