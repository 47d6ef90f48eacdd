import type { GatewayName } from './events';

export type PaymentsErrorCode =
  | 'GATEWAY_NOT_CONFIGURED'
  | 'INVALID_GATEWAY_CONFIG'
  | 'METHOD_NOT_SUPPORTED'
  | 'INVALID_PAYMENT_REQUEST'
  | 'GATEWAY_UNAVAILABLE'
  | 'GATEWAY_REJECTED'
  | 'GATEWAY_BAD_RESPONSE';

interface ErrorSpec {
  readonly httpStatus: number;
  /** A retry may succeed (network fault, gateway 5xx); false for business refusals. */
  readonly retryable: boolean;
}

const ERROR_SPECS: Readonly<Record<PaymentsErrorCode, ErrorSpec>> = {
  GATEWAY_NOT_CONFIGURED: { httpStatus: 422, retryable: false },
  INVALID_GATEWAY_CONFIG: { httpStatus: 500, retryable: false },
  METHOD_NOT_SUPPORTED: { httpStatus: 422, retryable: false },
  INVALID_PAYMENT_REQUEST: { httpStatus: 400, retryable: false },
  GATEWAY_UNAVAILABLE: { httpStatus: 502, retryable: true },
  GATEWAY_REJECTED: { httpStatus: 502, retryable: false },
  GATEWAY_BAD_RESPONSE: { httpStatus: 502, retryable: true },
};

/**
 * The one exception type of the payments module. `message` is Indonesian and safe to show to an
 * operator; `details` never holds secrets.
 */
export class PaymentsError extends Error {
  readonly httpStatus: number;
  readonly retryable: boolean;

  constructor(
    readonly code: PaymentsErrorCode,
    message: string,
    readonly details: Readonly<Record<string, string | number | undefined>> = {},
  ) {
    super(message);
    this.name = 'PaymentsError';
    this.httpStatus = ERROR_SPECS[code].httpStatus;
    this.retryable = ERROR_SPECS[code].retryable;
  }

  static notConfigured(tenantId: string): PaymentsError {
    return new PaymentsError('GATEWAY_NOT_CONFIGURED', 'Gateway pembayaran belum dikonfigurasi untuk mitra ini', { tenantId });
  }

  static invalidConfig(problems: readonly string[]): PaymentsError {
    return new PaymentsError('INVALID_GATEWAY_CONFIG', `Konfigurasi gateway pembayaran tidak valid: ${problems.join('; ')}`);
  }

  static methodNotSupported(gateway: GatewayName, method: string): PaymentsError {
    return new PaymentsError('METHOD_NOT_SUPPORTED', `Metode pembayaran '${method}' tidak didukung oleh gateway ${gateway}`, { gateway, method });
  }

  static invalidRequest(problem: string): PaymentsError {
    return new PaymentsError('INVALID_PAYMENT_REQUEST', `Permintaan pembayaran tidak valid: ${problem}`);
  }

  static unavailable(gateway: GatewayName, cause: string): PaymentsError {
    return new PaymentsError('GATEWAY_UNAVAILABLE', 'Gateway pembayaran tidak dapat dihubungi, coba lagi nanti', { gateway, cause });
  }

  static rejected(gateway: GatewayName, status: number, gatewayMessage: string): PaymentsError {
    return new PaymentsError('GATEWAY_REJECTED', `Gateway pembayaran menolak permintaan: ${gatewayMessage}`, { gateway, status });
  }

  static badResponse(gateway: GatewayName, problem: string): PaymentsError {
    return new PaymentsError('GATEWAY_BAD_RESPONSE', 'Jawaban gateway pembayaran tidak dapat dibaca', { gateway, problem });
  }
}
