import { base, en, Faker, id_ID } from '@faker-js/faker';
import { normalisePhone } from '@lunas/domain';
import { DataSource, EntityManager } from 'typeorm';
import { encryptText } from '../support/encryption';

export interface GenerateCustomersOptions {
  tenantId: string;
  count: number;
  /** Same seed, same customers (names, phones, addresses, billing days, packages). */
  seed: number;
  /** Packages to draw from. Default: the active packages of this tenant and of the platform tenant. */
  packageIds?: string[];
  /** Customer code prefix. Default `G<seed>-`; codes are `<prefix><000001…>`. */
  codePrefix?: string;
  /** Register dates fall in the 3 years before this date. Default 2026-01-01 (fixed, so output is reproducible). */
  until?: Date;
  /** Rows per INSERT. Default 5,000: one statement carries one array per column, so size is not limited by parameters. */
  batchSize?: number;
}

export interface GenerateCustomersResult {
  /** Rows inserted now; a rerun with the same seed and tenant inserts 0 (codes already exist). */
  customers: number;
  subscriptions: number;
}

/** Indonesian mobile prefixes after the country code (Telkomsel, Indosat, XL, Tri, Smartfren). */
const MOBILE_PREFIXES = ['811', '812', '813', '821', '822', '852', '853', '856', '857', '858', '817', '818', '819', '877', '878', '895', '896', '897', '881', '882'];
/** Province codes of the NIK (Jawa, Sumatra, Bali, Sulawesi). */
const NIK_PROVINCES = ['11', '12', '13', '16', '31', '32', '33', '34', '35', '36', '51', '73'];
const DAY_MS = 86_400_000;

interface GeneratedRow {
  code: string; name: string; nik: string | null; phone: string; email: string | null; address: string;
  whatsappConsent: boolean; emailConsent: boolean; registerDate: string; packageId: string; billingDay: number;
  discountKind: string; discountValue: number; status: string; pppoeUsername: string;
}

/**
 * Inserts `count` realistic Indonesian customers, each with one subscription, deterministic per seed.
 * Bulk `INSERT … SELECT FROM unnest(arrays)`: 100,000 customers take a few seconds.
 * Given the EntityManager of an open transaction, its rows commit (or roll back) with that transaction.
 */
export async function generateCustomers(dataSource: DataSource | EntityManager, options: GenerateCustomersOptions): Promise<GenerateCustomersResult> {
  const batchSize = options.batchSize ?? 5_000;
  const prefix = options.codePrefix ?? `G${options.seed}-`;
  const until = options.until ?? new Date('2026-01-01T00:00:00+07:00');
  const faker = new Faker({ locale: [id_ID, en, base], seed: options.seed });
  return dataSource.transaction(async (m) => {
    const packageIds = options.packageIds ?? (await availablePackages(m, options.tenantId));
    if (!packageIds.length) throw new Error(`Tenant ${options.tenantId} has no active package to subscribe customers to`);
    const result: GenerateCustomersResult = { customers: 0, subscriptions: 0 };
    for (let start = 0; start < options.count; start += batchSize) {
      const rows: GeneratedRow[] = [];
      for (let i = start; i < Math.min(start + batchSize, options.count); i++) {
        rows.push(generateRow(faker, `${prefix}${String(i + 1).padStart(6, '0')}`, packageIds, until));
      }
      result.customers += await insertCustomers(m, options.tenantId, rows);
      result.subscriptions += await insertSubscriptions(m, options.tenantId, rows);
    }
    return result;
  });
}

function generateRow(faker: Faker, code: string, packageIds: string[], until: Date): GeneratedRow {
  const sex = faker.helpers.arrayElement(['female', 'male'] as const);
  const firstName = faker.person.firstName(sex);
  const lastName = faker.person.lastName(sex);
  const registered = new Date(until.getTime() - faker.number.int({ min: 1, max: 3 * 365 }) * DAY_MS);
  const hasEmail = faker.datatype.boolean(0.3);
  const discount = faker.helpers.weightedArrayElement([
    { weight: 90, value: { kind: 'none', value: 0 } },
    { weight: 7, value: { kind: 'fixed', value: faker.helpers.arrayElement([5_000, 10_000, 20_000]) } },
    { weight: 3, value: { kind: 'percent', value: faker.helpers.arrayElement([5, 10]) } },
  ]);
  return {
    code,
    name: `${firstName} ${lastName}`,
    nik: faker.datatype.boolean(0.7) ? generateNik(faker, sex, until) : null,
    phone: normalisePhone(`0${faker.helpers.arrayElement(MOBILE_PREFIXES)}-${faker.string.numeric(faker.number.int({ min: 7, max: 8 }))}`),
    email: hasEmail ? faker.internet.email({ firstName, lastName, provider: 'gmail.com' }).toLowerCase() : null,
    address: `${faker.location.streetAddress()}, ${faker.location.city()}, ${faker.location.state()} ${faker.location.zipCode()}`,
    whatsappConsent: faker.datatype.boolean(0.95),
    emailConsent: hasEmail && faker.datatype.boolean(0.6),
    registerDate: registered.toISOString().slice(0, 10),
    packageId: faker.helpers.arrayElement(packageIds),
    billingDay: faker.number.int({ min: 1, max: 28 }),
    discountKind: discount.kind,
    discountValue: discount.value,
    status: faker.helpers.weightedArrayElement([
      { weight: 94, value: 'active' }, { weight: 5, value: 'suspended' }, { weight: 1, value: 'cancelled' },
    ]),
    pppoeUsername: `${slug(firstName)}.${slug(lastName)}.${code.toLowerCase()}`.slice(0, 64),
  };
}

/** 16 digits: province, regency, district, birth date (day + 40 for women), serial. */
function generateNik(faker: Faker, sex: 'female' | 'male', until: Date): string {
  const birth = faker.date.birthdate({ mode: 'age', min: 18, max: 70, refDate: until });
  const day = birth.getUTCDate() + (sex === 'female' ? 40 : 0);
  return [
    faker.helpers.arrayElement(NIK_PROVINCES),
    String(faker.number.int({ min: 1, max: 30 })).padStart(2, '0'),
    String(faker.number.int({ min: 1, max: 40 })).padStart(2, '0'),
    String(day).padStart(2, '0'),
    String(birth.getUTCMonth() + 1).padStart(2, '0'),
    String(birth.getUTCFullYear() % 100).padStart(2, '0'),
    String(faker.number.int({ min: 1, max: 9999 })).padStart(4, '0'),
  ].join('');
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

async function availablePackages(m: EntityManager, tenantId: string): Promise<string[]> {
  const rows: Array<{ id: string }> = await m.query(
    `SELECT p.id FROM packages p JOIN tenants t ON t.id = p.tenant_id
     WHERE p.is_active AND (p.tenant_id = $1 OR t.kind = 'platform') ORDER BY p.price, p.name`,
    [tenantId],
  );
  return rows.map((row) => row.id);
}

async function insertCustomers(m: EntityManager, tenantId: string, rows: GeneratedRow[]): Promise<number> {
  const inserted: unknown[] = await m.query(
    `INSERT INTO customers (tenant_id, code, name, nik, phone, email, address, whatsapp_consent, email_consent, consent_updated_at, register_date)
     SELECT $1, t.code, t.name, t.nik, t.phone, t.email, t.address, t.wa, t.em, t.reg::timestamptz, t.reg
     FROM unnest($2::varchar[], $3::varchar[], $4::text[], $5::varchar[], $6::varchar[], $7::text[], $8::boolean[], $9::boolean[], $10::date[])
       AS t(code, name, nik, phone, email, address, wa, em, reg)
     ON CONFLICT (tenant_id, code) DO NOTHING
     RETURNING 1`,
    [
      tenantId, rows.map((r) => r.code), rows.map((r) => r.name), rows.map((r) => (r.nik ? encryptText(r.nik) : null)),
      rows.map((r) => r.phone), rows.map((r) => r.email), rows.map((r) => r.address), rows.map((r) => r.whatsappConsent),
      rows.map((r) => r.emailConsent), rows.map((r) => r.registerDate),
    ],
  );
  return inserted.length;
}

async function insertSubscriptions(m: EntityManager, tenantId: string, rows: GeneratedRow[]): Promise<number> {
  const inserted: unknown[] = await m.query(
    `INSERT INTO subscriptions (tenant_id, customer_id, package_id, billing_day, discount_kind, discount_value, status, pppoe_username, started_on, suspended_at, cancelled_at)
     SELECT $1, c.id, t.package_id, t.billing_day, t.discount_kind, t.discount_value, t.status, t.pppoe, c.register_date,
            CASE WHEN t.status = 'suspended' THEN now() END, CASE WHEN t.status = 'cancelled' THEN now() END
     FROM unnest($2::varchar[], $3::uuid[], $4::smallint[], $5::varchar[], $6::integer[], $7::varchar[], $8::varchar[])
       AS t(code, package_id, billing_day, discount_kind, discount_value, status, pppoe)
     JOIN customers c ON c.tenant_id = $1 AND c.code = t.code
     ON CONFLICT (tenant_id, pppoe_username) DO NOTHING
     RETURNING 1`,
    [
      tenantId, rows.map((r) => r.code), rows.map((r) => r.packageId), rows.map((r) => r.billingDay),
      rows.map((r) => r.discountKind), rows.map((r) => r.discountValue), rows.map((r) => r.status), rows.map((r) => r.pppoeUsername),
    ],
  );
  return inserted.length;
}
