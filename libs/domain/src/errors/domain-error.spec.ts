import { DomainError, DomainErrorCode, describeValue, isDomainError } from './domain-error';

describe(DomainError.name, () => {
  describe('constructor', () => {
    it('keeps the code and detail and builds the Indonesian message from them', () => {
      const error = new DomainError(DomainErrorCode.InvalidPhone, '"123"');

      expect(error.code).toBe('INVALID_PHONE');
      expect(error.detail).toBe('"123"');
      expect(error.message).toMatch(/^Nomor telepon tidak valid: "123"\./);
      expect(error.name).toBe('DomainError');
      expect(error).toBeInstanceOf(Error);
    });

    it.each(Object.values(DomainErrorCode))('has a message naming the detail for %s', (code) => {
      expect(new DomainError(code, 'NILAI-X').message).toContain('NILAI-X');
    });
  });
});

describe(isDomainError.name, () => {
  it('recognises a domain error with or without a matching code', () => {
    const error = new DomainError(DomainErrorCode.InvalidAmount, '1.5');

    expect(isDomainError(error)).toBe(true);
    expect(isDomainError(error, DomainErrorCode.InvalidAmount)).toBe(true);
    expect(isDomainError(error, DomainErrorCode.InvalidPhone)).toBe(false);
  });

  it('rejects other errors and non-errors', () => {
    expect(isDomainError(new Error('x'))).toBe(false);
    expect(isDomainError({ code: 'INVALID_AMOUNT' })).toBe(false);
  });
});

describe(describeValue.name, () => {
  it('quotes strings so empty and blank inputs stay visible', () => {
    expect(describeValue('')).toBe('""');
    expect(describeValue(' 08 ')).toBe('" 08 "');
  });

  it('prints other values as they are', () => {
    expect(describeValue(NaN)).toBe('NaN');
    expect(describeValue(1.5)).toBe('1.5');
  });
});
