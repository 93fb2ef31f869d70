import { applyDecorators, HttpCode, type Type } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOperation, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemDto } from './problem.dto.js';

const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid input',
  401: 'Missing, expired or invalid credentials',
  403: 'Role, ownership or credential type (an API key on a route that takes none) does not allow this',
  404: 'Not found (also for another user’s resource)',
  409: 'State conflict',
  413: 'Body too large',
  429: 'Rate limited; see Retry-After',
};

const AUTH_TEXT: Record<string, string> = { public: 'No authentication.', any: 'Any signed-in role.' };

export interface ApiRouteOptions {
  summary: string;
  description?: string;
  /** `public`: no token; `any`: any signed-in role; otherwise the roles allowed. */
  auth: 'public' | 'any' | string;
  ok?: Type<unknown> | [Type<unknown>];
  created?: Type<unknown>;
  /** 202: taken on, the effect follows (e.g. an email). */
  accepted?: Type<unknown>;
  noContent?: boolean;
  errors?: number[];
}

/** One decorator per route for its OpenAPI description: summary, security, success and problem responses. */
export function ApiRoute(options: ApiRouteOptions) {
  const decorators = [
    ApiExtraModels(ProblemDto),
    ApiOperation({
      summary: options.summary,
      description: [options.description, AUTH_TEXT[options.auth] ?? `Roles: ${options.auth}.`].filter(Boolean).join(' '),
    }),
  ];
  if (options.auth !== 'public') decorators.push(ApiBearerAuth());
  if (options.ok) {
    const ok = options.ok;
    decorators.push(Array.isArray(ok) ? ApiResponse({ status: 200, description: 'OK', type: ok[0], isArray: true }) : ApiResponse({ status: 200, description: 'OK', type: ok }));
    decorators.push(HttpCode(200));
  }
  if (options.created) decorators.push(ApiResponse({ status: 201, description: 'Created', type: options.created }));
  if (options.accepted) decorators.push(ApiResponse({ status: 202, description: 'Accepted', type: options.accepted }), HttpCode(202));
  if (options.noContent) decorators.push(ApiResponse({ status: 204, description: 'No content' }), HttpCode(204));

  const statuses = new Set([400, 429, ...(options.auth === 'public' ? [] : [401]), ...(options.auth === 'public' ? [] : [403]), ...(options.errors ?? [])]);
  for (const status of [...statuses].sort()) {
    decorators.push(
      ApiResponse({
        status,
        description: ERROR_TEXT[status] ?? 'Error',
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    );
  }
  return applyDecorators(...decorators);
}
