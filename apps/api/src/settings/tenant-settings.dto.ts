import { BankAccountDto } from '../tenants/dto/tenant-requests.dto';
import { ApiProperty } from '@nestjs/swagger';
import {
  GATEWAY_ACCOUNT_CHOICES, type BillingDayDefaults, type GatewayAccountChoice, type IsoWeekday, type ReceiptFieldToggles,
  type SendWindow, type TenantSettings, type TenantSettingsInput,
} from '@lunas/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested,
} from 'class-validator';

const BOOLEAN = { message: 'harus true atau false' };
const WALL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
/** A logo small enough to embed in every receipt page and to fit the API's 100 kB JSON body: ≤ 90 000 characters of base64 (≈ 65 kB image). */
const LOGO_DATA_URL = /^data:image\/(png|jpeg|svg\+xml);base64,[A-Za-z0-9+/]+=*$/;
const LOGO_MAX_LENGTH = 90_000;

export class ReceiptFieldTogglesDto implements ReceiptFieldToggles {
  @ApiProperty() @IsBoolean(BOOLEAN) showLogo!: boolean;
  @ApiProperty() @IsBoolean(BOOLEAN) showBusinessName!: boolean;
  @ApiProperty() @IsBoolean(BOOLEAN) showAddress!: boolean;
  @ApiProperty() @IsBoolean(BOOLEAN) showCustomerPhone!: boolean;
  @ApiProperty() @IsBoolean(BOOLEAN) showNik!: boolean;
  @ApiProperty({ description: "The customer's area: the owning mitra's business name" }) @IsBoolean(BOOLEAN) showArea!: boolean;
  @ApiProperty() @IsBoolean(BOOLEAN) showPackage!: boolean;
  @ApiProperty() @IsBoolean(BOOLEAN) showPeriod!: boolean;
  @ApiProperty() @IsBoolean(BOOLEAN) showDiscount!: boolean;
  @ApiProperty() @IsBoolean(BOOLEAN) showPaymentMethod!: boolean;
  @ApiProperty({ description: 'Name of the cashier or admin who recorded the payment' }) @IsBoolean(BOOLEAN) showPaidBy!: boolean;
  @ApiProperty({ maxLength: 300 }) @IsString() @MaxLength(300, { message: 'paling banyak 300 karakter' }) footerText!: string;
}

export class SendWindowDto implements SendWindow {
  @ApiProperty({ example: '08:00' }) @Matches(WALL_TIME, { message: 'jam harus berformat HH:mm (contoh 08:00)' }) start!: string;
  @ApiProperty({ example: '20:00' }) @Matches(WALL_TIME, { message: 'jam harus berformat HH:mm (contoh 20:00)' }) end!: string;
  @ApiProperty({ type: [Number], example: [7], description: 'ISO weekdays without queued messages: 1 = Senin … 7 = Minggu' })
  @IsArray()
  @IsInt({ each: true })
  @Min(1, { each: true, message: 'hari 1 (Senin) sampai 7 (Minggu)' })
  @Max(7, { each: true, message: 'hari 1 (Senin) sampai 7 (Minggu)' })
  quietWeekdays!: IsoWeekday[];
  @ApiProperty({ type: [String], example: ['2026-12-25'], description: 'Dates (YYYY-MM-DD) without queued messages' })
  @IsArray()
  @ArrayMaxSize(366)
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { each: true, message: 'tanggal harus berformat YYYY-MM-DD' })
  quietDates!: string[];
}

export class BillingDayDefaultsDto implements BillingDayDefaults {
  @ApiProperty({ minimum: 1, maximum: 28 }) @IsInt() @Min(1, { message: 'tanggal tagihan 1–28' }) @Max(28, { message: 'tanggal tagihan 1–28' }) billingDay!: number;
}

/** A mitra's settings as saved (every field; the console sends the whole form). */
export class TenantSettingsDto implements TenantSettingsInput {
  @ApiProperty({ maxLength: 255 }) @IsString() @MinLength(2, { message: 'nama usaha wajib diisi' }) @MaxLength(255) businessName!: string;
  @ApiProperty({ nullable: true, type: String, description: 'data:image/png|jpeg|svg+xml;base64,… (≤ 90 000 characters) or null' })
  @ValidateIf((_, value) => value !== null)
  @MaxLength(LOGO_MAX_LENGTH, { message: 'logo paling besar 65 kB' })
  @Matches(LOGO_DATA_URL, { message: 'logo harus gambar PNG, JPEG atau SVG (data URL base64)' })
  logoDataUrl!: string | null;
  @ApiProperty({ maxLength: 500 }) @IsString() @MaxLength(500, { message: 'alamat paling banyak 500 karakter' }) address!: string;
  @ApiProperty({ example: '01.234.567.8-901.000', description: '15 or 16 digits, punctuation allowed; empty for none' })
  @Matches(/^$|^[\d.\-\s]+$/, { message: 'NPWP hanya angka (titik dan strip boleh)' })
  npwp!: string;
  @ApiProperty({ minimum: 0, maximum: 10_000, example: 1_100 })
  @IsInt()
  @Min(0, { message: 'tarif PPN dalam basis poin, 0–10.000' })
  @Max(10_000, { message: 'tarif PPN dalam basis poin, 0–10.000' })
  ppnRateBasisPoints!: number;
  @ApiProperty() @IsBoolean(BOOLEAN) pricesIncludePpn!: boolean;
  @ApiProperty({ example: 'INV' }) @Matches(/^[A-Za-z0-9-]{1,10}$/, { message: 'awalan nomor tagihan 1–10 huruf, angka atau "-"' }) invoiceNumberPrefix!: string;
  @ApiProperty({ type: BillingDayDefaultsDto }) @ValidateNested() @Type(() => BillingDayDefaultsDto) billingDefaults!: BillingDayDefaultsDto;
  @ApiProperty({ type: ReceiptFieldTogglesDto }) @ValidateNested() @Type(() => ReceiptFieldTogglesDto) receipt!: ReceiptFieldTogglesDto;
  @ApiProperty({ type: SendWindowDto }) @ValidateNested() @Type(() => SendWindowDto) sendWindow!: SendWindowDto;
  @ApiProperty({ enum: GATEWAY_ACCOUNT_CHOICES }) @IsIn(GATEWAY_ACCOUNT_CHOICES) gatewayAccount!: GatewayAccountChoice;
  @ApiProperty({ type: [BankAccountDto] })
  @IsArray()
  @ArrayMaxSize(10, { message: 'paling banyak 10 rekening' })
  @ValidateNested({ each: true })
  @Type(() => BankAccountDto)
  bankAccounts!: BankAccountDto[];
}

/** One version of a mitra's settings. */
export class TenantSettingsResponseDto extends TenantSettingsDto implements TenantSettings {
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({ minimum: 1 }) version!: number;
  @ApiProperty({ format: 'date-time' }) effectiveFrom!: string;
}
