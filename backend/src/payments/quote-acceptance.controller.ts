import { Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth-user.js';
import { CurrentUser, Roles } from '../common/decorators/auth.decorators.js';
import { ApiRoute } from '../common/http/api-route.decorator.js';
import { AcceptQuoteResponseDto } from './dto/payment.dto.js';
import { PaymentsService } from './payments.service.js';

const uuid = new ParseUUIDPipe();

/** `POST /quotes/:id/accept` lives with payments: accepting a quote is opening its payment. */
@ApiTags('quotes')
@Controller('quotes')
export class QuoteAcceptanceController {
  constructor(private readonly payments: PaymentsService) {}

  @Post(':id/accept')
  @Roles('customer')
  @ApiRoute({
    summary: 'Accept a quote and open its payment',
    description:
      'Creates the Stripe PaymentIntent for the quote total (idempotency key from the quote and attempt) and moves the quote to `payment_pending`. While that payment is open, accepting again returns the same payment. 409 when the quote expired, was withdrawn or rejected, or is paid.',
    auth: 'customer',
    created: AcceptQuoteResponseDto,
    errors: [404, 409, 503],
  })
  accept(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.payments.accept(user, id);
  }
}
