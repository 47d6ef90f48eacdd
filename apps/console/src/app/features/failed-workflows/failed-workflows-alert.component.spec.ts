import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { FailedSubscriptionWorkflowList } from '../../core/api-types';
import { provideIndonesianLocale } from '../../core/format/locale';
import { FailedWorkflowsAlertComponent, REASON_REQUIRED_MESSAGE } from './failed-workflows-alert.component';
import { FAILED_WORKFLOWS_URL, restartWorkflowUrl } from './failed-workflows.service';

const SUB_A = '11111111-1111-4111-8111-111111111111';
const SUB_B = '22222222-2222-4222-8222-222222222222';

const TWO_FAILED: FailedSubscriptionWorkflowList = {
  items: [
    { workflowId: `subscription-${SUB_A}`, runId: 'run-a', subscriptionId: SUB_A, tenantId: 't1', ending: 'failed', stoppedAt: '2026-03-02T01:02:03.000Z' },
    { workflowId: `subscription-${SUB_B}`, runId: 'run-b', subscriptionId: SUB_B, tenantId: 't1', ending: 'terminated', stoppedAt: '2026-03-01T20:30:00.000Z' },
  ],
  total: 2,
};

const NONE: FailedSubscriptionWorkflowList = { items: [], total: 0 };

async function renderAlert(first: FailedSubscriptionWorkflowList) {
  TestBed.configureTestingModule({
    imports: [FailedWorkflowsAlertComponent],
    providers: [provideHttpClient(), provideHttpClientTesting(), provideIndonesianLocale()],
  });
  const fixture = TestBed.createComponent(FailedWorkflowsAlertComponent);
  const element: HTMLElement = fixture.nativeElement;
  const http = TestBed.inject(HttpTestingController);
  const settle = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
  };
  const text = (selector: string) => element.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();
  const itemOf = (subscriptionId: string) => element.querySelector(`[data-workflow="subscription-${subscriptionId}"]`) as HTMLElement;
  const click = async (root: ParentNode, selector: string) => {
    (root.querySelector(selector) as HTMLButtonElement).click();
    await settle();
  };
  const type = async (root: ParentNode, value: string) => {
    const input = root.querySelector('[data-testid="restart-reason"]') as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await settle();
  };
  http.expectOne(FAILED_WORKFLOWS_URL).flush(first);
  await settle();
  return { element, http, settle, text, itemOf, click, type };
}

describe(FailedWorkflowsAlertComponent.name, () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('lists each stopped workflow with its subscription id, how it ended and when, in WIB', async () => {
    const { text, itemOf } = await renderAlert(TWO_FAILED);

    expect(text('#failed-workflows-title')).toBe('2 proses penagihan berhenti');
    expect(text(`[data-workflow="subscription-${SUB_A}"] .subscription-id`)).toBe(SUB_A);
    expect(text(`[data-workflow="subscription-${SUB_A}"] .stopped-at`)).toBe('Gagal 2 Mar 2026 08.02 WIB');
    expect(text(`[data-workflow="subscription-${SUB_B}"] .stopped-at`)).toBe('Dihentikan paksa 2 Mar 2026 03.30 WIB');
    expect(itemOf(SUB_B).querySelector('[data-testid="restart-open"]')?.textContent?.trim()).toBe('Mulai ulang');
  });

  it('shows nothing when no workflow stopped', async () => {
    const { element } = await renderAlert(NONE);

    expect(element.querySelector('[data-testid="failed-workflows-alert"]')).toBeNull();
    expect(element.textContent?.trim()).toBe('');
  });

  it('posts the reason to restart-workflow and reloads the list', async () => {
    const { http, settle, text, itemOf, click, type } = await renderAlert(TWO_FAILED);

    await click(itemOf(SUB_A), '[data-testid="restart-open"]');
    await type(itemOf(SUB_A), '  Basis data sudah pulih  ');
    await click(itemOf(SUB_A), '[data-testid="restart-submit"]');

    const restart = http.expectOne(restartWorkflowUrl(SUB_A));
    expect(restart.request.method).toBe('POST');
    expect(restart.request.body).toEqual({ reason: 'Basis data sudah pulih' });
    restart.flush({});
    await settle();

    http.expectOne(FAILED_WORKFLOWS_URL).flush({ items: [TWO_FAILED.items[1]], total: 1 });
    await settle();

    expect(text('#failed-workflows-title')).toBe('1 proses penagihan berhenti');
    expect(itemOf(SUB_A)).toBeNull();
  });

  it('asks for a reason before posting anything', async () => {
    const { http, text, itemOf, click } = await renderAlert(TWO_FAILED);

    await click(itemOf(SUB_A), '[data-testid="restart-open"]');
    await click(itemOf(SUB_A), '[data-testid="restart-submit"]');

    http.expectNone(restartWorkflowUrl(SUB_A));
    expect(text('[data-testid="restart-error"]')).toBe(REASON_REQUIRED_MESSAGE);
  });

  it('shows the API refusal in Indonesian and keeps the list', async () => {
    const { http, settle, text, itemOf, click, type } = await renderAlert(TWO_FAILED);

    await click(itemOf(SUB_A), '[data-testid="restart-open"]');
    await type(itemOf(SUB_A), 'Coba lagi');
    await click(itemOf(SUB_A), '[data-testid="restart-submit"]');
    http
      .expectOne(restartWorkflowUrl(SUB_A))
      .flush({ type: 'about:blank', title: 'Konflik', status: 409, detail: 'Alur kerja langganan ini tidak berhenti; tidak ada yang perlu dimulai ulang.', instance: restartWorkflowUrl(SUB_A) }, { status: 409, statusText: 'Conflict' });
    await settle();

    expect(text('[data-testid="restart-error"]')).toBe('Gagal memulai ulang: Alur kerja langganan ini tidak berhenti; tidak ada yang perlu dimulai ulang.');
    expect(text('#failed-workflows-title')).toBe('2 proses penagihan berhenti');
    http.expectNone(FAILED_WORKFLOWS_URL);
  });

  it('says in Indonesian when the list cannot be loaded', async () => {
    TestBed.configureTestingModule({
      imports: [FailedWorkflowsAlertComponent],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideIndonesianLocale()],
    });
    const fixture = TestBed.createComponent(FailedWorkflowsAlertComponent);
    TestBed.inject(HttpTestingController).expectOne(FAILED_WORKFLOWS_URL).error(new ProgressEvent('error'));
    fixture.detectChanges();
    await fixture.whenStable();

    expect((fixture.nativeElement as HTMLElement).querySelector('[data-testid="failed-workflows-load-error"]')?.textContent?.trim()).toBe(
      'Daftar proses penagihan yang berhenti tidak dapat dimuat. Tidak dapat terhubung ke server. Periksa koneksi Anda lalu coba lagi.',
    );
  });
});
