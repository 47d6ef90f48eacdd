import { HttpErrorResponse } from '@angular/common/http';
import { ApiProblem } from '../api-types';

export const OFFLINE_MESSAGE = 'Tidak dapat terhubung ke server. Periksa koneksi Anda lalu coba lagi.';
export const SERVER_FAULT_MESSAGE = 'Server sedang bermasalah. Silakan coba beberapa saat lagi.';
export const UNKNOWN_ERROR_MESSAGE = 'Terjadi kesalahan yang tidak terduga. Silakan coba lagi.';

/** The sentence to show an operator for a failed API call: the `detail` of the API's problem details when it sent one. */
export function apiErrorMessage(error: unknown): string {
  if (!(error instanceof HttpErrorResponse)) {
    return UNKNOWN_ERROR_MESSAGE;
  }
  if (error.status === 0) {
    return OFFLINE_MESSAGE;
  }
  const detail = detailOf(error.error);
  if (detail) {
    return detail;
  }
  return error.status >= 500 ? SERVER_FAULT_MESSAGE : UNKNOWN_ERROR_MESSAGE;
}

function detailOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || !('detail' in body)) {
    return null;
  }
  const { detail } = body as ApiProblem;
  return typeof detail === 'string' && detail.trim() !== '' ? detail : null;
}
