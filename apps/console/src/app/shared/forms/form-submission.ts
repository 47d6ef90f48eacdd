import { signal } from '@angular/core';
import { FormGroup } from '@angular/forms';
import { Observable } from 'rxjs';
import { applyServerErrors } from './server-errors';

/**
 * The submit of a form that writes through the API: checks the client rules first (marking every field touched so
 * their errors show), sends once at a time, and on refusal puts the API's field errors on their controls and the
 * rest of its answer in `failure` (shown above the buttons).
 */
export class FormSubmission {
  readonly saving = signal(false);
  readonly failure = signal<string | null>(null);

  constructor(private readonly form: FormGroup, private readonly errorPrefix = '') {}

  /** `refused` may handle an answer itself (return true), e.g. the kasir's 409. */
  submit<T>(send: () => Observable<T>, saved: (answer: T) => void, refused?: (error: unknown) => boolean): void {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.saving()) return;
    this.saving.set(true);
    this.failure.set(null);
    send().subscribe({
      next: (answer) => {
        this.saving.set(false);
        saved(answer);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        if (!refused?.(error)) this.failure.set(applyServerErrors(this.form, error, this.errorPrefix));
      },
    });
  }
}
