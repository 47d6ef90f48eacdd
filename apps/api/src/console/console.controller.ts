import { Controller, Get, Inject, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { LUNAS_CONFIG, type LunasConfig } from '@lunas/config';
import type { Response } from 'express';
import * as path from 'node:path';
import { Public } from '../auth/public.decorator';

const RESERVED_PREFIXES = ['api', 'health', 'webhooks', 'sandbox', 'bayar'];

/** Serves the Angular console's `index.html` for client-side routes (assets come from the static middleware). */
@ApiExcludeController()
@Controller()
export class ConsoleController {
  constructor(@Inject(LUNAS_CONFIG) private readonly config: LunasConfig) {}

  @Public()
  @Get(['', '*path'])
  serveIndex(@Param('path') route: string[] | undefined, @Res() response: Response): void {
    const first = route?.[0] ?? '';
    if (RESERVED_PREFIXES.includes(first) || path.extname(route?.at(-1) ?? '')) throw new NotFoundException();
    response.sendFile(path.join(this.config.consoleDist as string, 'index.html'));
  }
}
