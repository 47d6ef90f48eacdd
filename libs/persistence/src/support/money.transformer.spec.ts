import { moneyTransformer } from './money.transformer';

describe('moneyTransformer', () => {
  describe('from', () => {
    it('reads pg bigint strings as whole rupiah', () => {
      expect(moneyTransformer.from('166500')).toBe(166_500);
      expect(moneyTransformer.from(null)).toBeNull();
    });

    it('refuses values beyond 2^53 instead of losing precision', () => {
      expect(() => moneyTransformer.from('9007199254740993')).toThrow(RangeError);
    });
  });

  describe('to', () => {
    it('refuses fractional rupiah', () => {
      expect(() => moneyTransformer.to(1500.5)).toThrow('whole number of rupiah');
      expect(moneyTransformer.to(1500)).toBe(1500);
    });
  });
});
