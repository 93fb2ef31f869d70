import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { ApiKeyScope } from '@repairhub/contracts';
import { ApiKeysService } from '../integrations/api-keys.service.js';
import { presentedApiKey } from '../integrations/api-key-token.js';
import type { AuthUser } from '../common/auth-user.js';
import { IS_PUBLIC } from '../common/decorators/auth.decorators.js';
import { SCOPES } from '../common/decorators/scopes.decorator.js';
import { DomainError, forbidden, unauthenticated } from '../common/errors/domain-error.js';
import { isDatabaseBusy } from '../common/errors/to-problem.js';
import { contextUser } from '../common/guards/context-user.js';
import { overridden } from '../common/guards/route-metadata.js';

const isPublic = overridden<boolean>(IS_PUBLIC);
const requiredScopes = overridden<ApiKeyScope[]>(SCOPES);

/**
 * Global: every route needs a valid access token, or an API key, unless marked `@Public()`.
 * A Socket.IO event passes when its socket's handshake signed a user in (the `/chat` namespace
 * middleware verifies the access token before the first event; API keys cannot open a socket).
 * API keys are default-deny: only routes declaring `@Scopes(...)` accept them, and only with every scope listed.
 * The role guard then applies as for any user (a key acts with the role of the admin who created it).
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (isPublic.of(this.reflector, context)) return true;
    if (context.getType() === 'ws') {
      if (contextUser(context)) return true;
      throw unauthenticated('AUTH.INVALID_TOKEN', 'A valid access token is required.');
    }
    if (context.getType() !== 'http') return false;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined>; user?: AuthUser }>();
    const presented = presentedApiKey(request.headers);
    if (presented === null) return (await super.canActivate(context)) as boolean;

    const principal = await this.apiKeys.authenticate(presented);
    if (!principal?.apiKey) throw unauthenticated('AUTH.INVALID_API_KEY', 'The API key is invalid, expired or revoked.');
    const required = requiredScopes.of(this.reflector, context);
    if (!required?.length) throw forbidden('AUTH.API_KEY_NOT_ALLOWED', 'API keys cannot use this route.');
    const missing = required.filter((scope) => !principal.apiKey!.scopes.includes(scope));
    if (missing.length) throw forbidden('AUTH.SCOPE_MISSING', `This API key lacks the scope ${missing.join(', ')}.`);
    request.user = principal;
    return true;
  }

  override handleRequest<T>(error: unknown, user: T | false): T {
    // Our own outage (saturated pool, database or Redis unreachable) is a 503, not "sign in again".
    if (isDatabaseBusy(error) || (error instanceof DomainError && error.kind === 'unavailable')) throw error;
    if (error || !user) throw unauthenticated('AUTH.INVALID_TOKEN', 'A valid access token is required.');
    return user;
  }
}
