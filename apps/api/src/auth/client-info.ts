import type { Request } from 'express';
import type { ClientInfo } from './auth.service';

export function clientInfo(request: Request): ClientInfo {
  return { ip: request.ip ?? null, userAgent: request.get('user-agent') ?? null };
}
