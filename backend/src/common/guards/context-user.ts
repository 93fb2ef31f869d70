import type { ExecutionContext } from '@nestjs/common';
import type { AuthUser } from '../auth-user.js';

/**
 * The caller of a handler, whatever carries it: the HTTP request (set by the JWT or API-key check) or a
 * Socket.IO socket (set by the `/chat` handshake, which verified its access token before any event).
 */
export function contextUser(context: ExecutionContext): AuthUser | undefined {
  switch (context.getType()) {
    case 'http':
      return context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    case 'ws':
      return context.switchToWs().getClient<{ data?: { user?: AuthUser } }>().data?.user;
    default:
      return undefined;
  }
}
