import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';

/** An instant in a REST answer: ISO 8601 in Asia/Jakarta with the offset (see `renderInstants`). */
export function ApiInstant(options: ApiPropertyOptions = {}): PropertyDecorator {
  return ApiProperty({ type: String, format: 'date-time', example: '2026-02-04T06:00:00+07:00', ...options } as ApiPropertyOptions);
}

