import { DOCUMENT } from '@angular/common';
import { inject } from '@angular/core';
import { exhaustMap, filter, fromEvent, merge, Observable, startWith, timer } from 'rxjs';

/**
 * Asks `source` now, then every `intervalMs` while the tab is visible, and at once when the tab becomes visible again
 * or `nudges` fires (after an action). A slow answer is never overlapped by the next ask. Call in an injection context.
 */
export function pollWhileVisible<T>(source: () => Observable<T>, intervalMs: number, nudges?: Observable<unknown>): Observable<T> {
  const document = inject(DOCUMENT);
  const visible = () => document.visibilityState !== 'hidden';
  const shown = fromEvent(document, 'visibilitychange').pipe(filter(visible));
  return merge(timer(intervalMs, intervalMs).pipe(filter(visible)), shown, nudges ?? []).pipe(
    startWith(null),
    exhaustMap(() => source()),
  );
}
