import { DomainErrorCode } from '../errors';
import { isNormalisedPhone, normalisePhone } from './phone-number';

describe(normalisePhone.name, () => {
  it.each([
    ['081234567890', '6281234567890'],
    ['0812-3456-7890', '6281234567890'],
    ['0812 3456 7890', '6281234567890'],
    ['(0812) 3456.7890', '6281234567890'],
    ['+6281234567890', '6281234567890'],
    ['+62 812-3456-7890', '6281234567890'],
    ['+62 (0)812 3456 7890', '6281234567890'],
    ['6281234567890', '6281234567890'],
    ['62 812 3456 7890', '6281234567890'],
    ['620812 3456 7890', '6281234567890'],
    ['  08123456789  ', '628123456789'],
    ['0211234567', '62211234567'], // Jakarta landline
  ])('turns %p into %s', (input, normalised) => {
    expect(normalisePhone(input)).toBe(normalised);
  });

  it('keeps the seed numbers of 004 as they are', () => {
    for (const phone of ['6281234567890', '6289876543210', '6281333444555']) {
      expect(normalisePhone(phone)).toBe(phone);
    }
  });

  it('accepts 10 to 15 digits after normalising and refuses 9 and 16', () => {
    const invalid = expect.objectContaining({ code: DomainErrorCode.InvalidPhone });
    expect(normalisePhone('081234567')).toBe('6281234567');
    expect(normalisePhone('08123456789012')).toBe('628123456789012');
    expect(() => normalisePhone('08123456')).toThrow(invalid);
    expect(() => normalisePhone('081234567890123')).toThrow(invalid);
  });

  it.each([
    '62812345', // 8 digits: too short, not read as a national number
    '0812345', // 62812345: 8 digits
    '0812345678901234', // 16 digits
    '+1 202 555 0199', // another country
    '8123456789', // no prefix
    '00812345678', // two trunk zeros
    '0062812345678', // international access prefix
    '0812-3456-789O', // letter O
    '',
    '   ',
  ])('refuses %p with an Indonesian message', (input) => {
    expect(() => normalisePhone(input)).toThrow(
      expect.objectContaining({ code: DomainErrorCode.InvalidPhone, message: expect.stringMatching(/^Nomor telepon tidak valid: "/) }),
    );
  });
});

describe(isNormalisedPhone.name, () => {
  it('accepts 62 followed by a non-zero digit, 10–15 digits in all', () => {
    expect(isNormalisedPhone('6281234567')).toBe(true); // 10
    expect(isNormalisedPhone('628123456789012')).toBe(true); // 15
  });

  it.each(['628123456', '6281234567890123', '081234567890', '+6281234567890', '62081234567', 6281234567890])('rejects %p', (value) => {
    expect(isNormalisedPhone(value)).toBe(false);
  });
});
