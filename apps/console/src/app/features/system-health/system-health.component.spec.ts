import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { HealthCheckResult } from '../../core/api-types';
import { provideIndonesianLocale } from '../../core/format/locale';
import { HEALTH_REFRESH_INTERVAL_MS, SystemHealthComponent } from './system-health.component';
import { HEALTH_URL } from './system-health.service';

const ALL_UP: HealthCheckResult = {
  status: 'ok',
  info: { database: { status: 'up' }, temporal: { status: 'up' } },
  error: {},
  details: { database: { status: 'up' }, temporal: { status: 'up' } },
};

const TEMPORAL_DOWN: HealthCheckResult = {
  status: 'error',
  info: { database: { status: 'up' } },
  error: { temporal: { status: 'down', message: 'connect ECONNREFUSED 127.0.0.1:7233' } },
  details: { database: { status: 'up' }, temporal: { status: 'down', message: 'connect ECONNREFUSED 127.0.0.1:7233' } },
};

function renderPanel() {
  TestBed.configureTestingModule({
    imports: [SystemHealthComponent],
    providers: [provideHttpClient(), provideHttpClientTesting(), provideIndonesianLocale()],
  });
  const fixture = TestBed.createComponent(SystemHealthComponent);
  fixture.detectChanges();
  jest.advanceTimersByTime(0); // the first check starts on the next tick
  const element: HTMLElement = fixture.nativeElement;
  const http = TestBed.inject(HttpTestingController);
  const answer = async (body: HealthCheckResult, init?: { status: number; statusText: string }) => {
    http.expectOne(HEALTH_URL).flush(body, init);
    fixture.detectChanges();
    await fixture.whenStable();
  };
  const text = (selector: string) => element.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();
  const badges = () =>
    Array.from(element.querySelectorAll('[data-component]')).map((item) => [
      item.getAttribute('data-component'),
      item.querySelector('.badge')?.textContent?.trim(),
    ]);
  return { fixture, http, answer, text, badges };
}

describe(SystemHealthComponent.name, () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] }));
  afterEach(() => jest.useRealTimers());

  describe('rendering', () => {
    it('shows every component as Sehat when the API reports ok', async () => {
      const { answer, text, badges } = renderPanel();

      await answer(ALL_UP);

      expect(text('[data-testid="health-summary"]')).toBe('Semua layanan berjalan normal.');
      expect(badges()).toEqual([
        ['database', 'Sehat'],
        ['temporal', 'Sehat'],
      ]);
      expect(text('[data-component="database"] .component-name')).toBe('Basis data (PostgreSQL)');
    });

    it('marks the failing component Bermasalah with its reason from the 503 report', async () => {
      const { answer, text, badges } = renderPanel();

      await answer(TEMPORAL_DOWN, { status: 503, statusText: 'Service Unavailable' });

      expect(text('[data-testid="health-summary"]')).toContain('Ada layanan yang bermasalah.');
      expect(badges()).toEqual([
        ['database', 'Sehat'],
        ['temporal', 'Bermasalah'],
      ]);
      expect(text('[data-component="temporal"] .component-message')).toBe('connect ECONNREFUSED 127.0.0.1:7233');
    });

    it('says the API cannot be reached when no report comes back', async () => {
      const { fixture, http, text, badges } = renderPanel();

      http.expectOne(HEALTH_URL).error(new ProgressEvent('error'));
      fixture.detectChanges();
      await fixture.whenStable();

      expect(text('[data-testid="health-summary"]')).toBe('API tidak dapat dihubungi. Periksa apakah server sedang berjalan.');
      expect(badges()).toEqual([]);
    });

    it('shows the check time in WIB', async () => {
      jest.setSystemTime(new Date('2026-03-02T01:02:03Z'));
      const { answer, text } = renderPanel();

      await answer(ALL_UP);

      expect(text('.checked-at')).toBe('Diperbarui 08.02.03 WIB · otomatis tiap 10 detik');
    });
  });

  describe('auto-refresh', () => {
    it('asks the API again every 10 seconds and shows the newest answer', async () => {
      const { http, answer, badges } = renderPanel();
      await answer(ALL_UP);

      jest.advanceTimersByTime(HEALTH_REFRESH_INTERVAL_MS - 1);
      http.expectNone(HEALTH_URL);
      jest.advanceTimersByTime(1);
      await answer(TEMPORAL_DOWN, { status: 503, statusText: 'Service Unavailable' });

      expect(badges()).toEqual([
        ['database', 'Sehat'],
        ['temporal', 'Bermasalah'],
      ]);
    });
  });
});
