import { BadRequestException, ValidationError } from '@nestjs/common';

/** Turns class-validator errors into one 400 whose `message` lists each problem in Indonesian. */
export function validationMessage(errors: ValidationError[]): BadRequestException {
  const problems = flatten(errors);
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: problems.join('; '), problems });
}

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, text]) => translate(rule, path, text));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

function translate(rule: string, path: string, fallback: string): string {
  switch (rule) {
    case 'whitelistValidation':
      return `Kolom "${path}" tidak dikenal`;
    case 'isNotEmpty':
    case 'isDefined':
      return `Kolom "${path}" wajib diisi`;
    case 'isString':
      return `Kolom "${path}" harus berupa teks`;
    case 'isInt':
      return `Kolom "${path}" harus bilangan bulat`;
    case 'isRupiah':
      return `Kolom "${path}" ${fallback}`;
    case 'min':
    case 'max':
      return `Kolom "${path}" di luar batas: ${fallback}`;
    case 'isUuid':
      return `Kolom "${path}" harus UUID yang valid`;
    case 'isDateString':
    case 'isIso8601':
      return `Kolom "${path}" harus tanggal ISO 8601 (contoh 2026-11-21)`;
    case 'isEnum':
    case 'isIn':
      return `Kolom "${path}" berisi nilai yang tidak diizinkan`;
    default:
      return `Kolom "${path}" tidak valid: ${fallback}`;
  }
}
