import { BadRequestException, ValidationError } from '@nestjs/common';
import type { FieldError } from './problem-details/problem';

/** Turns class-validator errors into one 400 listing each invalid field with an Indonesian message (`errors`). */
export function validationMessage(errors: ValidationError[]): BadRequestException {
  return invalidFields(flatten(errors));
}

/** A 400 naming the invalid fields; `detail` joins their messages. */
export function invalidFields(errors: FieldError[]): BadRequestException {
  return new BadRequestException({ message: errors.map((error) => error.message).join('; '), errors });
}

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, text]) => ({ field, message: translate(rule, field, text) }));
    return [...own, ...flatten(error.children ?? [], field)];
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
