import { Module } from '@nestjs/common';
import { ConsoleController } from './console.controller';

/** Client-side routing fallback for the built console (only when CONSOLE_DIST is set). */
@Module({ controllers: [ConsoleController] })
export class ConsoleModule {}
