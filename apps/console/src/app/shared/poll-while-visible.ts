import { DOCUMENT } from '@angular/common';
import { inject } from '@angular/core';
import { exhaustMap, filter, fromEvent, merge, Observable, startWith, timer } from 'rxjs';

/**
 * A poller bound to the page's document; create it in an injection context (a field initialiser). The poller asks
 * `source` now, then every `intervalMs` while the tab is visible, and at once when the tab becomes visible again or
 * `nudges` fires (after an action). A slow answer is never overlapped by the next ask.
 */
export function injectVisiblePoller(): <T>(source: () => Observable<T>, intervalMs: number, nudges?: Observable<unknown>) => Observable<T> {
  const document = inject(DOCUMENT);
  const visible = () => document.visibilityState !== 'hidden';
  return (source, intervalMs, nudges) =>
    merge(timer(intervalMs, intervalMs).pipe(filter(visible)), fromEvent(document, 'visibilitychange').pipe(filter(visible)), nudges ?? []).pipe(
      startWith(null),
      exhaustMap(() => source()),
    );
}
