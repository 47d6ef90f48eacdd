import { TestBed } from '@angular/core/testing';
import { provideIndonesianLocale } from './locale';
import { RupiahPipe } from './rupiah.pipe';

describe(RupiahPipe.name, () => {
  let rupiah: RupiahPipe;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideIndonesianLocale()] });
    rupiah = TestBed.runInInjectionContext(() => new RupiahPipe());
  });

  describe('transform', () => {
    it('writes integer rupiah with a dot between thousands and no decimals', () => {
      expect(rupiah.transform(150000)).toBe('Rp 150.000');
      expect(rupiah.transform(1250000)).toBe('Rp 1.250.000');
      expect(rupiah.transform(0)).toBe('Rp 0');
    });

    it('puts the minus sign before the currency for refunds and credits', () => {
      expect(rupiah.transform(-5000)).toBe('-Rp 5.000');
    });

    it('writes nothing for a missing amount', () => {
      expect(rupiah.transform(null)).toBe('');
      expect(rupiah.transform(undefined)).toBe('');
    });
  });
});
