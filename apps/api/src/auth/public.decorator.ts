import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'lunas:isPublic';

/** Marks a route that needs no access token (login, health, webhooks, public pages). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
