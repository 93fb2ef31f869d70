import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Query, Req, type RawBodyRequest } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../common/auth-user.js';
import { CurrentUser, Public, Roles } from '../common/decorators/auth.decorators.js';
import { Scopes } from '../common/decorators/scopes.decorator.js';
import { ApiRoute } from '../common/http/api-route.decorator.js';
import {
  ListPaymentsQueryDto,
  PaymentPageDto,
  PaymentsConfigViewDto,
  PaymentViewDto,
  RefundDto,
  TestConfirmDto,
  WebhookAckDto,
} from './dto/payment.dto.js';
import { PaymentWebhooksService } from './payment-webhooks.service.js';
import { PaymentsService } from './payments.service.js';

const uuid = new ParseUUIDPipe();

@ApiTags('payments')
@Controller('payments')
export class PaymentsController {
  constructor(
    private readonly payments: PaymentsService,
    private readonly webhooks: PaymentWebhooksService,
  ) {}

  @Public()
  @Get('config')
  @ApiRoute({ summary: 'How the apps take payments', description: 'Test mode flag and the Stripe publishable key.', auth: 'public', ok: PaymentsConfigViewDto })
  config() {
    return this.payments.paymentsConfig();
  }

  /**
   * Stripe calls this (no token, no Origin, no cookies). The signature is checked over the exact
   * bytes received (`rawBody`), never over re-serialised JSON. Not rate limited: Stripe's retries
   * must get through, and a forged request costs one HMAC.
   */
  @Public()
  @SkipThrottle({ default: true, writes: true })
  @Post('webhook')
  @ApiHeader({ name: 'stripe-signature', required: true, description: 'Stripe’s `t=…,v1=…` signature of the raw body.' })
  @ApiBody({ description: 'A Stripe event, exactly as Stripe sent it.', schema: { type: 'object', additionalProperties: true } })
  @ApiRoute({
    summary: 'Stripe webhook endpoint',
    description:
      'Verifies `stripe-signature` against the raw body with STRIPE_WEBHOOK_SECRET (5-minute tolerance); each event id is handled once. Unknown event types are acknowledged and ignored.',
    auth: 'public',
    ok: WebhookAckDto,
  })
  webhook(@Req() req: RawBodyRequest<FastifyRequest>, @Headers('stripe-signature') signature: string | undefined) {
    return this.webhooks.handle(req.rawBody, signature);
  }

  @Get()
  @Scopes('payments:read')
  @Roles('customer', 'admin')
  @ApiRoute({ summary: 'Payments', description: 'Customers: their own. Admins: all, filtered by status or customer. Newest first.', auth: 'customer, admin', ok: PaymentPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: ListPaymentsQueryDto) {
    return this.payments.list(user, query);
  }

  @Get(':id')
  @Scopes('payments:read')
  @Roles('customer', 'admin')
  @ApiRoute({ summary: 'A payment with its refunds', description: 'The paying customer or an admin.', auth: 'customer, admin', ok: PaymentViewDto, errors: [404] })
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.payments.get(user, id);
  }

  @Post(':id/refund')
  @Scopes('payments:refund')
  @Roles('admin')
  @ApiRoute({
    summary: 'Refund a payment, fully or in part',
    description:
      'Creates a Stripe refund (idempotency key per payment and refund number); it stays `pending` until the `charge.refunded` webhook confirms it. `amount` must not exceed what remains (409 `PAYMENT.REFUND_EXCEEDS`).',
    auth: 'admin',
    ok: PaymentViewDto,
    errors: [404, 409, 503],
  })
  refund(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() body: RefundDto) {
    return this.payments.refund(user, id, body);
  }

  @Post(':id/test-confirm')
  @Roles('customer')
  @ApiRoute({
    summary: 'Test mode: pay (or fail) a payment without Stripe',
    description:
      'Only in test mode (no STRIPE_SECRET_KEY, never in production: 403 `PAYMENT.TEST_MODE_DISABLED`). Builds the PaymentIntent event Stripe would send, signs it with the webhook secret and runs it through the webhook handler.',
    auth: 'customer',
    ok: PaymentViewDto,
    errors: [404, 409],
  })
  testConfirm(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() body: TestConfirmDto) {
    return this.payments.testConfirm(user, id, body.outcome);
  }
}
