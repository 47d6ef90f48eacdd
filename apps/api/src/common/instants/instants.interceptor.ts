import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { map, type Observable } from 'rxjs';
import { renderInstants } from './render-instants';

/** Global: every REST answer renders its instants as ISO 8601 with the WIB offset ({@link renderInstants}). */
@Injectable()
export class InstantsInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(map((body: unknown) => renderInstants(body)));
  }
}
