/**
 * RFC 5176 §3.5 Error-Cause values (attribute 101) a NAK may carry, with what each means for the operator.
 * 2xx appear only in ACKs, 4xx (the request was wrong) and 5xx (the NAS could not) only in NAKs.
 */
export const ERROR_CAUSES: Record<number, { name: string; meaning: string }> = {
  201: { name: 'Residual-Context-Removed', meaning: 'Sisa konteks sesi dihapus' },
  202: { name: 'Invalid-EAP-Packet', meaning: 'Paket EAP tidak valid (diabaikan)' },
  401: { name: 'Unsupported-Attribute', meaning: 'NAS tidak mendukung salah satu atribut' },
  402: { name: 'Missing-Attribute', meaning: 'Atribut wajib tidak ada' },
  403: { name: 'NAS-Identification-Mismatch', meaning: 'Identitas NAS tidak cocok' },
  404: { name: 'Invalid-Request', meaning: 'Permintaan tidak valid' },
  405: { name: 'Unsupported-Service', meaning: 'Layanan tidak didukung NAS' },
  406: { name: 'Unsupported-Extension', meaning: 'Ekstensi tidak didukung NAS' },
  407: { name: 'Invalid-Attribute-Value', meaning: 'Nilai atribut tidak diterima NAS' },
  501: { name: 'Administratively-Prohibited', meaning: 'Ditolak oleh kebijakan NAS' },
  502: { name: 'Request-Not-Routable', meaning: 'Permintaan tidak dapat diteruskan (proxy)' },
  503: { name: 'Session-Context-Not-Found', meaning: 'Sesi tidak ditemukan di NAS' },
  504: { name: 'Session-Context-Not-Removable', meaning: 'Sesi tidak dapat diputus' },
  505: { name: 'Other-Proxy-Processing-Error', meaning: 'Kesalahan proxy lain' },
  506: { name: 'Resources-Unavailable', meaning: 'Sumber daya NAS tidak tersedia' },
  507: { name: 'Request-Initiated', meaning: 'NAS memulai permintaan' },
  508: { name: 'Multiple-Session-Selection-Unsupported', meaning: 'NAS tidak mendukung banyak sesi sekaligus' },
};

/** The value of an Error-Cause attribute as the `radius` package decodes it (its name, or the number if unknown). */
export function errorCauseCode(decoded: unknown): number | undefined {
  if (typeof decoded === 'number') return decoded;
  if (typeof decoded !== 'string') return undefined;
  const entry = Object.entries(ERROR_CAUSES).find(([, cause]) => cause.name === decoded);
  return entry ? Number(entry[0]) : Number.isInteger(Number(decoded)) ? Number(decoded) : undefined;
}

/** One line for the operator, e.g. "NAK 503 Session-Context-Not-Found: Sesi tidak ditemukan di NAS". */
export function describeErrorCause(code: number | undefined): string {
  if (code === undefined) return 'NAK tanpa Error-Cause';
  const cause = ERROR_CAUSES[code];
  return cause ? `NAK ${code} ${cause.name}: ${cause.meaning}` : `NAK ${code}`;
}
