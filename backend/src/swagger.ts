import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ERROR_CODES } from '@repairhub/contracts';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('RepairHub API')
    .setDescription(
      'Device-repair service platform. Errors are RFC 9457 problem details (application/problem+json) with a stable `code` and the `requestId`. Money is integer minor units. Lists are cursor-paginated: `{items, nextCursor}`.',
    )
    .setVersion('1.0.0')
    .setContact('RepairHub', 'https://repairhub.dev', 'api@repairhub.dev')
    .setLicense('Proprietary', 'https://repairhub.dev/terms')
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Access token from /auth/login' })
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: 'X-API-Key',
        description:
          'An API key (`rh_live_…`) from POST /api-keys, in `X-API-Key` or as `Authorization: Bearer rh_live_…`. Keys reach only operations that list them under security, and need every scope in the operation’s `x-required-scopes`.',
      },
      'api-key',
    )
    .addTag('auth', 'Sign-up, sign-in and sessions')
    .addTag('users', 'User administration (admins)')
    .addTag('devices', 'Customers’ devices; serials encrypted at rest')
    .addTag('repairs', 'Repair requests, the technician queue and status changes')
    .addTag('appointments', 'Drop-off slots in the shop’s opening hours, bookings and the counter’s day')
    .addTag('tracking', 'The public status page of a repair (no sign-in; the tracking link is the credential)')
    .addTag('quotes', 'Technicians’ quotes for repair requests')
    .addTag('dashboard', 'Aggregates for the admin dashboard (admins)')
    .addTag('payments', 'Stripe payments, webhooks and refunds')
    .addTag('conversations', 'Consultation chat per repair request (REST side of the /chat Socket.IO namespace)')
    .addTag('api-keys', 'Scoped API keys for integrators (admins)')
    .addTag('webhooks', 'Outbound webhooks: endpoints, delivery log, re-send (admins)')
    .addTag('health', 'Service health')
    .addTag('admin', 'Operations for admins: failed jobs, the email outbox')
    .addTag('notifications', 'Email notification preferences')
    .addTag('shop', 'The shop: name, address, opening hours, currencies')
    .addTag('attachments', 'Photos and PDFs of a repair request: upload, list, the bytes')
    .build();
  const document = SwaggerModule.createDocument(app, config, { operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}` });
  // Each problem `code` with its status (null: the answer's status) and meaning, for integrators.
  return Object.assign(document, { 'x-error-codes': ERROR_CODES });
}

export function setupSwagger(app: INestApplication): void {
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs-json', useGlobalPrefix: false });
}
