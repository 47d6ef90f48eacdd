import { HttpErrorResponse } from '@angular/common/http';
import { apiErrorMessage, OFFLINE_MESSAGE, SERVER_FAULT_MESSAGE, UNKNOWN_ERROR_MESSAGE } from './api-error-message';

const httpError = (status: number, error: unknown) => new HttpErrorResponse({ status, error });

describe(apiErrorMessage.name, () => {
  const problem = (status: number, detail: string, extra: object = {}) => ({ type: 'about:blank', title: 'Ditolak', status, detail, instance: '/api/v1/auth/login', ...extra });

  it('uses the detail of the problem the API answered', () => {
    expect(apiErrorMessage(httpError(423, problem(423, 'Akun terkunci selama 15 menit.')))).toBe('Akun terkunci selama 15 menit.');
  });

  it('uses the detail of a validation problem, which names every invalid field', () => {
    const errors = [
      { field: 'username', message: 'Kolom "username" wajib diisi' },
      { field: 'password', message: 'Kolom "password" wajib diisi' },
    ];
    expect(apiErrorMessage(httpError(400, problem(400, 'Kolom "username" wajib diisi; Kolom "password" wajib diisi', { errors })))).toBe(
      'Kolom "username" wajib diisi; Kolom "password" wajib diisi',
    );
  });

  it('ignores a body in the old shape that carries no detail', () => {
    expect(apiErrorMessage(httpError(400, { statusCode: 400, message: 'Bad Request' }))).toBe(UNKNOWN_ERROR_MESSAGE);
  });

  it('says the server cannot be reached when no response came', () => {
    expect(apiErrorMessage(httpError(0, new ProgressEvent('error')))).toBe(OFFLINE_MESSAGE);
  });

  it('falls back to a server-fault sentence for 5xx without a message', () => {
    expect(apiErrorMessage(httpError(502, '<html>Bad Gateway</html>'))).toBe(SERVER_FAULT_MESSAGE);
  });

  it('falls back to a general sentence for anything else', () => {
    expect(apiErrorMessage(httpError(404, problem(404, '  ')))).toBe(UNKNOWN_ERROR_MESSAGE);
    expect(apiErrorMessage(new Error('boom'))).toBe(UNKNOWN_ERROR_MESSAGE);
  });
});
