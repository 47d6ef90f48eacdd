import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ACTIVATION_BILLINGS, type ActivationBilling } from '@lunas/domain';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

const RATE_RANGE = 'tarif PPN dalam basis poin, 0–10.000 (0–100 %; 1.100 = 11 %)';

/**
 * A mitra's PPN setting and how it bills a new subscription at activation. The rate is an integer of basis points (1 bp = 0,01 %), so that every rate with at most
 * two decimals is exact and the arithmetic of `computeInvoiceTotals` stays in integers.
 */
export class BillingSettingsDto {
  @ApiProperty({ minimum: 0, maximum: 10_000, example: 1_100, description: 'PPN rate in basis points: 1100 = 11 %, 1200 = 12 %, 0 = no PPN (not a PKP)' })
  @IsInt()
  @Min(0, { message: RATE_RANGE })
  @Max(10_000, { message: RATE_RANGE })
  ppnRateBasisPoints!: number;

  @ApiProperty({ example: false, description: 'true: package prices include PPN (carved out on the invoice); false: PPN is added on top' })
  @IsBoolean({ message: 'harus true atau false' })
  pricesIncludePpn!: boolean;

  @ApiPropertyOptional({
    enum: ACTIVATION_BILLINGS,
    default: 'prorated',
    description:
      'Activation invoice of new subscriptions: prorated = the first period from the activation date by days (plus the next period ' +
      'in advance); full_month = the first period in full; none = no activation invoice (the H-1 cycle bills first). Unchanged when omitted.',
  })
  @IsOptional()
  @IsIn(ACTIVATION_BILLINGS)
  activationBilling?: ActivationBilling;
}

/** A mitra's PPN setting as answered. */
export class BillingSettingsResponseDto extends BillingSettingsDto {
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
}
