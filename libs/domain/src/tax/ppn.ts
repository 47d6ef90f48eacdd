import { DomainError, DomainErrorCode, describeValue } from '../errors';
import { assertNonNegativeRupiah, BASIS_POINTS_PER_WHOLE, multiplyByFraction, type Rupiah } from '../money';

/** How PPN (Pajak Pertambahan Nilai, Indonesian VAT) is charged on invoices. */
export interface PpnConfig {
  /**
   * Effective PPN rate in basis points (1.100 = 11 %; 0 = not charged, e.g. a mitra that is not a PKP).
   * Basis points keep the rate an integer so every computation stays exact.
   */
  readonly rateBasisPoints: number;
  /** `true` when package prices already contain PPN (the tax is carved out of them); `false` when it is added on top. */
  readonly pricesIncludePpn: boolean;
}

/**
 * 11 %, added on top of package prices.
 * 11 % is the rate of UU HPP (UU 7/2021) since 1 April 2022, named by the product brief. Since 2025 the
 * statutory rate is 12 % on a DPP of 11/12 of the price for non-luxury services (PMK 131/2024) —
 * still 11 % of the price, so the effective rate is what is configured here.
 * Prices are PPN-exclusive by default because the seeded packages (Rp 100.000 / 150.000 / 250.000) are
 * quoted as the service price, and a PPN line must be visible on the invoice.
 */
export const DEFAULT_PPN_CONFIG: PpnConfig = { rateBasisPoints: 1_100, pricesIncludePpn: false };

/** Returns `config` when its rate is an integer 0–10.000 bp; throws `INVALID_RATE` otherwise. */
export function assertPpnConfig(config: PpnConfig): PpnConfig {
  const rate = config.rateBasisPoints;
  if (!Number.isSafeInteger(rate) || rate < 0 || rate > BASIS_POINTS_PER_WHOLE) {
    throw new DomainError(DomainErrorCode.InvalidRate, `PPN ${describeValue(rate)} (0–10.000)`);
  }
  return config;
}

/**
 * PPN on a taxable base (DPP, dasar pengenaan pajak): `DPP × rate`, rounded DOWN to whole rupiah.
 * Rounding rule: Indonesian tax amounts are "dibulatkan ke bawah hingga rupiah penuh"
 * (SE-22/PJ.24/1990; SPT Masa PPN filling guide, PER-29/PJ/2015 Lampiran II) and e-Faktur rejects
 * PPN rounded up. Example: DPP 15.766 × 11 % = 1.734,26 → 1.734.
 */
export function ppnOf(dpp: Rupiah, rateBasisPoints: number = DEFAULT_PPN_CONFIG.rateBasisPoints): Rupiah {
  assertNonNegativeRupiah(dpp, 'DPP');
  assertPpnConfig({ rateBasisPoints, pricesIncludePpn: false });
  return multiplyByFraction(dpp, rateBasisPoints, BASIS_POINTS_PER_WHOLE, 'floor');
}

/** A PPN-inclusive amount split into its taxable base and its PPN; `dpp + ppn` is always the gross amount. */
export interface PpnSplit {
  readonly dpp: Rupiah;
  readonly ppn: Rupiah;
}

/**
 * Splits a PPN-inclusive `gross` amount: `DPP = ⌈gross ÷ (1 + rate)⌉`, `PPN = gross − DPP`.
 * Rounding the DPP up keeps the customer's price exactly `gross` and the PPN never above the
 * rounded-down `ppnOf(DPP)` (it can be 1 rupiah below it where no whole DPP fits exactly).
 * Example at 11 %: 111.000 → DPP 100.000 + PPN 11.000; 150.000 → DPP 135.136 + PPN 14.864.
 */
export function splitInclusivePpn(gross: Rupiah, rateBasisPoints: number = DEFAULT_PPN_CONFIG.rateBasisPoints): PpnSplit {
  assertNonNegativeRupiah(gross, 'harga termasuk PPN');
  assertPpnConfig({ rateBasisPoints, pricesIncludePpn: true });
  const dpp = multiplyByFraction(gross, BASIS_POINTS_PER_WHOLE, BASIS_POINTS_PER_WHOLE + rateBasisPoints, 'ceil');
  return { dpp, ppn: gross - dpp };
}
