import { HttpErrorResponse } from '@angular/common/http';
import { ApiErrorBody } from '../api-types';

export const OFFLINE_MESSAGE = 'Tidak dapat terhubung ke server. Periksa koneksi Anda lalu coba lagi.';
export const SERVER_FAULT_MESSAGE = 'Server sedang bermasalah. Silakan coba beberapa saat lagi.';
export const UNKNOWN_ERROR_MESSAGE = 'Terjadi kesalahan yang tidak terduga. Silakan coba lagi.';

/** The sentence to show an operator for a failed API call: the API's own `message` when it sent one. */
export function apiErrorMessage(error: unknown): string {
  if (!(error instanceof HttpErrorResponse)) {
    return UNKNOWN_ERROR_MESSAGE;
  }
  if (error.status === 0) {
    return OFFLINE_MESSAGE;
  }
  const message = messageOf(error.error);
  if (message) {
    return message;
  }
  return error.status >= 500 ? SERVER_FAULT_MESSAGE : UNKNOWN_ERROR_MESSAGE;
}

function messageOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || !('message' in body)) {
    return null;
  }
  const { message } = body as ApiErrorBody;
  if (Array.isArray(message)) {
    return message.length > 0 ? message.join(' ') : null;
  }
  return typeof message === 'string' && message.trim() !== '' ? message : null;
}
