import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MESSAGE_TEMPLATE_KINDS, type MessageTemplateKind } from '@lunas/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';

export class ConnectWhatsappDto {
  @ApiPropertyOptional({ example: '6281200000001', description: 'Pair by code on this number instead of scanning the QR' })
  @IsOptional()
  @Matches(/^62\d{8,13}$/, { message: 'Nomor WhatsApp harus diawali 62 dan berisi 10–15 angka' })
  pairingPhone?: string;
}

export class WhatsappSessionDto {
  @ApiProperty({ enum: ['disconnected', 'connecting', 'connected', 'logged_out'] }) status!: string;
  @ApiProperty({ example: 'Terhubung', description: 'Status in Indonesian ("Perlu scan ulang" when logged out)' }) statusLabel!: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'QR to scan, as a data: URL (PNG), while pairing' }) qrDataUrl!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) pairingCode!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) phoneNumber!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) lastSeenAt!: Date | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) lastConnectedAt!: Date | null;
}

export class TemplateVariantsDto {
  @ApiProperty({ type: [String], example: ['{salam} *{nama}*, tagihan {periode} sebesar {jumlah}: {link_bayar}'] })
  @IsArray({ message: 'variants harus berupa daftar teks' })
  @ArrayMinSize(1, { message: 'Isi minimal satu varian template' })
  @ArrayMaxSize(10, { message: 'Paling banyak 10 varian template' })
  @IsString({ each: true, message: 'Setiap varian harus berupa teks' })
  @MaxLength(4_000, { each: true, message: 'Setiap varian paling panjang 4.000 karakter' })
  variants!: string[];
}

export class MessageTemplateDto {
  @ApiProperty({ enum: MESSAGE_TEMPLATE_KINDS }) kind!: MessageTemplateKind;
  @ApiProperty() label!: string;
  @ApiProperty({ type: [String] }) variants!: string[];
  @ApiProperty() isDefault!: boolean;
}

export class TemplateVariableDto {
  @ApiProperty({ example: 'jumlah' }) name!: string;
  @ApiProperty({ example: 'Sisa yang harus dibayar' }) description!: string;
}

export class MessageTemplatesDto {
  @ApiProperty({ type: [MessageTemplateDto] }) templates!: MessageTemplateDto[];
  @ApiProperty({ type: [TemplateVariableDto] }) variables!: TemplateVariableDto[];
}

export class TemplatePreviewDto {
  @ApiProperty({ type: [String], description: 'Each variant rendered with sample values' }) previews!: string[];
}

export class BulkSendDto {
  @ApiProperty({ enum: MESSAGE_TEMPLATE_KINDS, example: 'maintenance' })
  @IsIn(MESSAGE_TEMPLATE_KINDS, { message: 'Template tidak dikenal' })
  kind!: MessageTemplateKind;

  @ApiProperty({ enum: ['all', 'unpaid'], description: 'all: every customer of the mitra; unpaid: customers with an outstanding invoice' })
  @IsIn(['all', 'unpaid'], { message: 'Filter harus all atau unpaid' })
  filter!: 'all' | 'unpaid';

  @ApiPropertyOptional({ example: { jadwalPemeliharaan: 'Selasa 10 Maret 01:00–03:00 WIB' }, description: 'Extra template values' })
  @IsOptional()
  @IsObject({ message: 'vars harus berupa objek' })
  vars?: Record<string, string>;

  @ApiPropertyOptional({ default: false, description: 'true: only count the recipients' })
  @IsOptional()
  @IsBoolean({ message: 'preview harus true atau false' })
  preview?: boolean;
}

export class ManualSendDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4', { message: 'customerId harus UUID yang valid' })
  customerId!: string;

  @ApiProperty({ enum: MESSAGE_TEMPLATE_KINDS, example: 'payment_reminder_1' })
  @IsIn(MESSAGE_TEMPLATE_KINDS, { message: 'Template tidak dikenal' })
  kind!: MessageTemplateKind;

  @ApiPropertyOptional({ example: { jadwalPemeliharaan: 'Selasa 10 Maret 01:00–03:00 WIB' } })
  @IsOptional()
  @IsObject({ message: 'vars harus berupa objek' })
  vars?: Record<string, string>;
}

export class BulkSendResultDto {
  @ApiProperty({ description: 'Customers the filter selects' }) recipients!: number;
  @ApiProperty({ description: 'Messages put in the queue (0 on preview)' }) queued!: number;
}

export class SenderQueueDto {
  @ApiProperty() depth!: number;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) nextSendAt!: string | null;
  @ApiProperty() sentToday!: number;
  @ApiProperty() sentLastHour!: number;
  @ApiProperty({ example: 300 }) maxPerDay!: number;
  @ApiProperty({ example: 50 }) maxPerHour!: number;
}

export class MessageLogEntryDto {
  @ApiProperty() id!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) customerId!: string | null;
  @ApiProperty({ enum: ['whatsapp', 'email', 'sms'] }) channel!: string;
  @ApiProperty() template!: string;
  @ApiProperty() recipient!: string;
  @ApiProperty({ enum: ['pending', 'sent', 'simulated', 'failed', 'skipped'] }) status!: string;
  @ApiPropertyOptional({ nullable: true, type: String, enum: ['sent', 'delivered', 'read', 'failed'] }) deliveryStatus!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) error!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) body!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
}

export class SmtpSettingsDto {
  @ApiProperty({ example: 'smtp.sukamaju.net' })
  @IsString({ message: 'Host SMTP harus berupa teks' })
  @MaxLength(255, { message: 'Host SMTP paling panjang 255 karakter' })
  @Matches(/^[A-Za-z0-9.-]+$/, { message: 'Host SMTP hanya boleh berisi huruf, angka, titik dan tanda hubung' })
  host!: string;

  @ApiProperty({ example: 587 })
  @IsInt({ message: 'Port SMTP harus bilangan bulat' })
  @Min(1, { message: 'Port SMTP 1–65535' })
  @Max(65_535, { message: 'Port SMTP 1–65535' })
  port!: number;

  @ApiProperty({ description: 'TLS from the first byte (port 465)' })
  @IsBoolean({ message: 'secure harus true atau false' })
  secure!: boolean;

  @ApiPropertyOptional({ example: 'tagihan@sukamaju.net' })
  @IsOptional()
  @IsString({ message: 'Pengguna SMTP harus berupa teks' })
  @MaxLength(255, { message: 'Pengguna SMTP paling panjang 255 karakter' })
  user?: string;

  @ApiPropertyOptional({ description: 'Stored encrypted, never returned; omitted: the stored password is kept' })
  @IsOptional()
  @IsString({ message: 'Kata sandi SMTP harus berupa teks' })
  @MaxLength(255, { message: 'Kata sandi SMTP paling panjang 255 karakter' })
  password?: string;

  @ApiProperty({ example: '"WiFi Sukamaju" <tagihan@sukamaju.net>' })
  @IsString({ message: 'Alamat pengirim harus berupa teks' })
  @Matches(/^[^<>]*<?[^@\s<>]+@[^@\s<>]+>?$/, { message: 'Alamat pengirim harus alamat email, mis. "WiFi Sukamaju" <tagihan@sukamaju.net>' })
  from!: string;
}

export class MessagingSettingsDto {
  @ApiPropertyOptional({ type: SmtpSettingsDto, nullable: true, description: "The mitra's own SMTP server; null: use the default" })
  @IsOptional()
  @ValidateNested()
  @Type(() => SmtpSettingsDto)
  smtp?: SmtpSettingsDto | null;
}

export class MessagingSettingsResponseDto {
  @ApiPropertyOptional({ nullable: true, description: 'SMTP without its password', type: Object }) smtp!: { host: string; port: number; secure: boolean; user: string | null; from: string | null; hasPassword: boolean } | null;
}

export class MessageLogQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('4', { message: 'customerId harus UUID yang valid.' }) customerId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Superadmin: the mitra' }) @IsOptional() @IsUUID('4', { message: 'tenantId harus UUID yang valid.' }) tenantId?: string;
  @ApiPropertyOptional({ enum: ['sent', 'failed', 'pending', 'skipped'], description: '`sent` includes messages only simulated (no channel), as Beranda counts them' })
  @IsOptional()
  @IsIn(['sent', 'failed', 'pending', 'skipped'], { message: 'status harus salah satu dari: sent, failed, pending, skipped' })
  status?: 'sent' | 'failed' | 'pending' | 'skipped';
  @ApiPropertyOptional({ format: 'date', description: 'Created on this WIB day' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date harus tanggal YYYY-MM-DD' })
  date?: string;
}
