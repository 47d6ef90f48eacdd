import { HttpException, HttpStatus } from '@nestjs/common';
import { OUTAGE_RETRY_AFTER_SECONDS, outageException } from '../outage';
import { RetryLaterException } from '../rate-limit/retry-later.exception';

/** One invalid input field of a 400 (RFC 9457 extension member `errors`). */
export interface FieldError {
  /** Dotted path of the field in the request (`discount.value`), `''` for the request as a whole. */
  field: string;
  message: string;
}

/** An error answer of the API: RFC 9457 problem details, `detail` in Bahasa Indonesia. */
export interface ProblemDetails {
  /** `urn:lunas:problem:<code>` for a problem Lunas names, `about:blank` when the status says it all. */
  type: string;
  /** Indonesian summary of the status (the same for every problem of that status). */
  title: string;
  status: number;
  /** What went wrong in this case, in Indonesian, for a person to act on. */
  detail: string;
  /** The request path. */
  instance: string;
  /** Machine-readable reason when there is one (e.g. `INVOICE_STALE`). */
  code?: string;
  /** The invalid fields of a validation failure. */
  errors?: FieldError[];
}

/** How one failed request is answered. */
export interface ProblemAnswer {
  problem: ProblemDetails;
  /** Seconds for `Retry-After` (429, 423, 503). */
  retryAfterSeconds?: number;
  /** Not a refusal but a fault of ours: logged with its stack. */
  unexpected: boolean;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const UNEXPECTED_DETAIL = 'Terjadi kesalahan pada server. Silakan coba lagi; bila berulang, hubungi admin.';

const TITLES: Readonly<Record<number, string>> = {
  400: 'Permintaan tidak valid',
  401: 'Belum masuk',
  403: 'Akses ditolak',
  404: 'Tidak ditemukan',
  405: 'Metode tidak diizinkan',
  409: 'Konflik',
  410: 'Sudah tidak berlaku',
  413: 'Isi permintaan terlalu besar',
  415: 'Jenis isi tidak didukung',
  422: 'Tidak dapat diproses',
  423: 'Terkunci',
  429: 'Terlalu banyak permintaan',
  500: 'Kesalahan server',
  502: 'Layanan luar gagal',
  503: 'Layanan tidak tersedia',
};

/** Default Indonesian detail per status, used when the framework wrote the message (in English) or none. */
const DEFAULT_DETAILS: Readonly<Record<number, string>> = {
  400: 'Permintaan tidak valid.',
  401: 'Silakan masuk terlebih dahulu.',
  403: 'Anda tidak berwenang melakukan ini.',
  404: 'Alamat atau data yang diminta tidak ditemukan.',
  405: 'Metode ini tidak diizinkan untuk alamat ini.',
  409: 'Permintaan bertentangan dengan keadaan data saat ini.',
  410: 'Data ini sudah tidak berlaku.',
  413: 'Isi permintaan terlalu besar.',
  415: 'Jenis isi permintaan tidak didukung.',
  422: 'Permintaan tidak dapat diproses.',
  423: 'Akun terkunci sementara.',
  429: 'Terlalu banyak permintaan. Coba lagi sebentar lagi.',
  503: 'Layanan sedang tidak tersedia. Coba lagi sebentar lagi.',
};

/** Messages the framework (Nest, Express, body-parser, multer) writes in English, and what a person reads instead. */
const FRAMEWORK_MESSAGES: readonly [RegExp, string][] = [
  [/^Cannot (GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) /, DEFAULT_DETAILS[404] as string],
  [/ in JSON at position |^Unexpected end of JSON input$|is not valid JSON$|after JSON at position /, 'Isi permintaan bukan JSON yang valid.'],
  [/^File too large$/i, 'Berkas terlalu besar.'],
  [/^request entity too large$/i, DEFAULT_DETAILS[413] as string],
  [/^Unexpected field/i, 'Berkas dilampirkan pada kolom yang tidak dikenal.'],
  [/^(Bad Request|Unauthorized|Forbidden( resource)?|Not Found|Method Not Allowed|Conflict|Gone|Payload Too Large|Unprocessable Entity|Too Many Requests|Internal [Ss]erver [Ee]rror|Bad Gateway|Service Unavailable)$/, ''],
];

/** The problem an exception is answered with; anything not an HttpException nor an outage is a 500 without internals. */
export function problemOf(exception: unknown, instance: string): ProblemAnswer {
  const known = exception instanceof HttpException ? exception : outageException(exception);
  if (!known) {
    return { problem: { type: 'about:blank', title: titleOf(500), status: 500, detail: UNEXPECTED_DETAIL, instance }, unexpected: true };
  }
  const status = known.getStatus();
  const body = known.getResponse();
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const code = typeof fields['code'] === 'string' ? fields['code'] : undefined;
  const errors = fieldErrorsOf(fields['errors']);
  const problem: ProblemDetails = {
    type: code ? `urn:lunas:problem:${code.toLowerCase().replace(/_/g, '-')}` : errors ? 'urn:lunas:problem:validation' : 'about:blank',
    title: titleOf(status),
    status,
    detail: detailOf(status, typeof body === 'string' ? body : fields['message']),
    instance,
    ...(code ? { code } : {}),
    ...(errors ? { errors } : {}),
  };
  const retryAfterSeconds =
    known instanceof RetryLaterException ? known.retryAfterSeconds : status === HttpStatus.SERVICE_UNAVAILABLE ? OUTAGE_RETRY_AFTER_SECONDS : undefined;
  return { problem, retryAfterSeconds, unexpected: status >= 500 && status !== HttpStatus.SERVICE_UNAVAILABLE };
}

function titleOf(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Kesalahan server' : 'Permintaan ditolak');
}

function detailOf(status: number, message: unknown): string {
  const text = Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message.trim() : '';
  const fallback = DEFAULT_DETAILS[status] ?? (status >= 500 ? UNEXPECTED_DETAIL : 'Permintaan ditolak.');
  if (!text) return fallback;
  const framework = FRAMEWORK_MESSAGES.find(([pattern]) => pattern.test(text));
  if (framework) return framework[1] || fallback;
  return status >= 500 && status !== HttpStatus.SERVICE_UNAVAILABLE && status !== HttpStatus.BAD_GATEWAY ? UNEXPECTED_DETAIL : text;
}

function fieldErrorsOf(value: unknown): FieldError[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  return value.map((entry: { field?: unknown; path?: unknown; message?: unknown }) => ({
    field: String(entry.field ?? entry.path ?? ''),
    message: String(entry.message ?? ''),
  }));
}
