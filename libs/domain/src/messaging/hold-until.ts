import { type Instant, type IsoDate, jakartaDateOf, jakartaInstant } from '../calendar';
import { type SendWindow, nextSendWindowOpening } from '../dunning';

/** A mitra's send window: hours and week days (Asia/Jakarta) plus quiet dates (public holidays) without messages. */
export interface MessagingWindow extends SendWindow {
  quietDates: IsoDate[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * When a message created at `now` may go out: `now` inside the window, else the next opening that is not on a quiet
 * date (e.g. Saturday 21:00 WIB with Mon–Sat 08:00–20:00 → Monday 08:00; with Monday quiet → Tuesday 08:00).
 */
export function holdUntil(now: Instant, window: MessagingWindow): Instant {
  let candidate = nextSendWindowOpening(now, window);
  for (let guard = 0; guard < 400 && window.quietDates.includes(jakartaDateOf(candidate)); guard++) {
    candidate = nextSendWindowOpening(jakartaInstant(jakartaDateOf(candidate + DAY_MS)), window);
  }
  return candidate;
}
