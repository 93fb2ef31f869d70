import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension, ApiSecurity } from '@nestjs/swagger';
import type { ApiKeyScope } from '@repairhub/contracts';

export const SCOPES = 'apiKeyScopes';

/**
 * Opens a route to API keys holding every listed scope (users are unaffected: their roles still apply).
 * A route without it is closed to API keys. Documented as the `api-key` security scheme plus `x-required-scopes`.
 */
export const Scopes = (...scopes: ApiKeyScope[]) =>
  applyDecorators(SetMetadata(SCOPES, scopes), ApiSecurity('api-key'), ApiExtension('x-required-scopes', scopes));
