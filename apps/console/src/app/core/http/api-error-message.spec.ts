import { HttpErrorResponse } from '@angular/common/http';
import { apiErrorMessage, OFFLINE_MESSAGE, SERVER_FAULT_MESSAGE, UNKNOWN_ERROR_MESSAGE } from './api-error-message';

const httpError = (status: number, error: unknown) => new HttpErrorResponse({ status, error });

describe(apiErrorMessage.name, () => {
  it('uses the message the API wrote', () => {
    expect(apiErrorMessage(httpError(423, { statusCode: 423, message: 'Akun terkunci selama 15 menit.' }))).toBe(
      'Akun terkunci selama 15 menit.',
    );
  });

  it('joins the validation messages the API lists', () => {
    expect(apiErrorMessage(httpError(400, { statusCode: 400, message: ['Nama pengguna wajib diisi.', 'Kata sandi wajib diisi.'] }))).toBe(
      'Nama pengguna wajib diisi. Kata sandi wajib diisi.',
    );
  });

  it('says the server cannot be reached when no response came', () => {
    expect(apiErrorMessage(httpError(0, new ProgressEvent('error')))).toBe(OFFLINE_MESSAGE);
  });

  it('falls back to a server-fault sentence for 5xx without a message', () => {
    expect(apiErrorMessage(httpError(502, '<html>Bad Gateway</html>'))).toBe(SERVER_FAULT_MESSAGE);
  });

  it('falls back to a general sentence for anything else', () => {
    expect(apiErrorMessage(httpError(404, { message: '  ' }))).toBe(UNKNOWN_ERROR_MESSAGE);
    expect(apiErrorMessage(new Error('boom'))).toBe(UNKNOWN_ERROR_MESSAGE);
  });
});
