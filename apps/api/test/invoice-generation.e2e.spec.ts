import request from 'supertest';
import { DEV_ADMIN_PASSWORD, Subscription, User } from '@lunas/persistence';
import { eventually } from '@lunas/testing';
import { InvoiceGenerationController } from '../src/invoices/generation/invoice-generation.controller';
import { bearer, startTestApp, type TestApp } from './test-app';

interface Fixture {
  jobId: string;
  subscriptionIds: string[];
}

// A manual issue job an API process left half done (one subscription answered, two not) is resumed when the next API
// process starts, from what PostgreSQL holds. Temporal is unreachable here, so the resumed items fail, each with its
// reason, and the job still completes.
describe(`${InvoiceGenerationController.name} (PostgreSQL; Temporal unreachable)`, () => {
  let t: TestApp<Fixture>;

  beforeAll(async () => {
    t = await startTestApp<Fixture>({
      prepare: async (dataSource) => {
        const admin = await dataSource.getRepository(User).findOneByOrFail({ username: 'superadmin' });
        const subscriptions = await dataSource.getRepository(Subscription).find({ order: { id: 'ASC' }, take: 3 });
        const [issued, started, notStarted] = subscriptions;
        await dataSource.query(`UPDATE subscriptions SET workflow_id = 'subscription-started' WHERE id = $1`, [started.id]);
        await dataSource.query(`UPDATE subscriptions SET workflow_id = NULL WHERE id = $1`, [notStarted.id]);
        const [{ id }] = await dataSource.query(`INSERT INTO invoice_generation_jobs (tenant_id, requested_by) VALUES (NULL, $1) RETURNING id`, [admin.id]);
        await dataSource.query(
          `INSERT INTO invoice_generation_job_items (job_id, subscription_id, outcome, period, detail, finished_at)
           VALUES ($1, $2, 'issued', '2027-05', 'INV/2027/04/000001', now()), ($1, $3, NULL, NULL, NULL, NULL), ($1, $4, NULL, NULL, NULL, NULL)`,
          [id, issued.id, started.id, notStarted.id],
        );
        return { jobId: id, subscriptionIds: subscriptions.map((subscription) => subscription.id) };
      },
    });
  });
  afterAll(() => t?.close());

  it('resumes an unfinished job when the API starts: the answered item stays issued, each failure is counted with its reason', async () => {
    const admin = await bearer(t, 'superadmin', DEV_ADMIN_PASSWORD);
    const [, started, notStarted] = t.fixture.subscriptionIds;
    let report: Record<string, unknown> = {};
    await eventually(async () => {
      report = (await request(t.app.getHttpServer()).get(`/api/v1/invoices/generate/${t.fixture.jobId}`).set('Authorization', admin).expect(200)).body;
      expect(report['done']).toBe(true);
    }, 20_000);

    expect(report).toMatchObject({ total: 3, pending: 0, issued: 1, skipped: { total: 0 }, failed: { total: 2 } });
    expect(report['failed']).toMatchObject({
      items: expect.arrayContaining([
        { subscriptionId: started, message: 'Layanan penagihan (Temporal) sedang tidak terjangkau. Coba lagi sebentar lagi.' },
        { subscriptionId: notStarted, message: 'Proses penagihan langganan ini belum dimulai; tagihan tidak diterbitkan.' },
      ]),
    });
  });

  it('needs a token (401)', async () => {
    await request(t.app.getHttpServer()).post('/api/v1/invoices/generate').send({}).expect(401);
    await request(t.app.getHttpServer()).get(`/api/v1/invoices/generate/${t.fixture.jobId}`).expect(401);
  });

  it('documents the request and both answers in the OpenAPI document', async () => {
    const { paths, components } = (await request(t.app.getHttpServer()).get('/api/docs-json').expect(200)).body;
    const start = paths['/api/v1/invoices/generate'].post;
    expect(start.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/GenerateInvoicesDto' });
    expect(start.responses['202'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/GenerationJobAcceptedDto' });
    const report = paths['/api/v1/invoices/generate/{jobId}'].get;
    expect(report.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/GenerationJobReportDto' });
    expect(Object.keys(components.schemas.GenerateInvoicesDto.properties)).toEqual(['tenantId', 'period']);
    expect(Object.keys(components.schemas.SkippedByReasonDto.properties)).toEqual(['already_invoiced', 'cancelled', 'isolated', 'not_next_period']);
  });
});
