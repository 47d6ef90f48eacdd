import { HttpErrorResponse } from '@angular/common/http';
import { AbstractControl, FormGroup } from '@angular/forms';
import { ApiFieldError, ApiProblem } from '../../core/api-types';
import { apiErrorMessage } from '../../core/http/api-error-message';

/** The invalid fields of a refused request (`errors` of the API's problem details), or none. */
export function apiFieldErrors(error: unknown): ApiFieldError[] {
  if (!(error instanceof HttpErrorResponse) || typeof error.error !== 'object' || error.error === null) return [];
  const errors = (error.error as Partial<ApiProblem>).errors;
  return Array.isArray(errors) ? errors.filter((item) => typeof item?.field === 'string' && typeof item?.message === 'string') : [];
}

/**
 * Puts each field error of the API's answer on the form control of that name (`phone`, or a path such as
 * `steps[2].dayOffset` or `steps.2.dayOffset` inside nested groups and arrays) as the `server` error that `<mat-error>` shows, and marks it
 * touched. Returns the sentence to show above the form: the API's detail when a field error has no control, or when
 * the answer named no field.
 */
export function applyServerErrors(form: FormGroup, error: unknown, prefix = ''): string | null {
  const fieldErrors = apiFieldErrors(error);
  let unplaced = fieldErrors.length === 0;
  for (const { field, message } of fieldErrors) {
    const path = prefix && field.startsWith(prefix) ? field.slice(prefix.length) : field;
    const control = controlAt(form, path);
    if (control) {
      control.setErrors({ ...(control.errors ?? {}), server: message });
      control.markAsTouched();
    } else {
      unplaced = true;
    }
  }
  return unplaced ? apiErrorMessage(error) : null;
}

/** The message `<mat-error>` shows for a control: the API's, else the first client-side rule it breaks. */
export function controlError(control: AbstractControl | null, messages: Record<string, string> = {}): string | null {
  const errors = control?.errors;
  if (!errors) return null;
  if (typeof errors['server'] === 'string') return errors['server'];
  const key = Object.keys(errors)[0];
  return messages[key] ?? DEFAULT_MESSAGES[key] ?? 'Isian tidak valid.';
}

const DEFAULT_MESSAGES: Record<string, string> = {
  required: 'Wajib diisi.',
  email: 'Alamat email tidak valid.',
  min: 'Nilainya terlalu kecil.',
  max: 'Nilainya terlalu besar.',
  minlength: 'Terlalu pendek.',
  maxlength: 'Terlalu panjang.',
  pattern: 'Formatnya tidak sesuai.',
};

function controlAt(form: FormGroup, path: string): AbstractControl | null {
  const segments = path.split(/[.[\]]/).filter(Boolean);
  return segments.length ? form.get(segments) : null;
}
