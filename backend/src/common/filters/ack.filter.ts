import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { AuthUser } from '../auth-user.js';
import { toAckError } from '../errors/to-ack-error.js';

/**
 * The Socket.IO twin of the problem filter, for gateways (`@UseFilters`; Nest applies no global filter
 * to WebSocket handlers): whatever a guard, pipe or handler throws answers the event's acknowledgement
 * with `{ok: false, error}` carrying the code and message the REST problem body would. An event sent
 * without an acknowledgement gets the same error as an `exception` event.
 */
@Catch()
export class AckFilter implements ExceptionFilter {
  private readonly logger = new Logger('Ack');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'ws') throw exception;
    const ws = host.switchToWs();
    const event = ws.getPattern();
    const client = ws.getClient<{ emit(event: string, payload: unknown): void; data?: { user?: AuthUser } }>();
    const { ack, unexpected } = toAckError(exception, event);
    if (unexpected) this.logger.error({ err: exception, event, userId: client.data?.user?.id }, 'Unhandled socket error');
    const reply: unknown = host.getArgByIndex(2);
    if (typeof reply === 'function') reply(ack);
    else client.emit('exception', ack.error);
  }
}
