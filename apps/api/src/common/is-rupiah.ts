import { isRupiah } from '@lunas/domain';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * A whole rupiah amount of at least `min`: a safe integer, so 9007199254740993 (which JSON reads as
 * …992) and 1e20 are refused instead of being rounded or overflowing a column. The upper bound of a
 * payment is a setting (`LunasConfig.maxPaymentAmount`), checked by the service.
 */
export function IsRupiah(min: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isRupiah',
      constraints: [min],
      validator: {
        validate: (value: unknown) => isRupiah(value) && value >= min,
        defaultMessage: () => `harus bilangan bulat rupiah, paling kecil ${min}`,
      },
    },
    options,
  );
}
