import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth-user.js';
import { CurrentUser, Roles } from '../common/decorators/auth.decorators.js';
import { Scopes } from '../common/decorators/scopes.decorator.js';
import { ApiRoute } from '../common/http/api-route.decorator.js';
import { CreateQuoteDto, QuoteViewDto, RejectQuoteDto } from './dto/quote.dto.js';
import { QuotesService } from './quotes.service.js';

const uuid = new ParseUUIDPipe();

@ApiTags('quotes')
@Controller('quotes')
export class QuotesController {
  constructor(private readonly quotes: QuotesService) {}

  @Post()
  @Roles('technician')
  @ApiRoute({
    summary: 'Quote a repair request',
    description:
      'For a request assigned to you, or an unassigned submitted one (which assigns it to you). The server computes `total`; sending it is refused. Replaces the pending quote; the first quote moves the request to `quoted`.',
    auth: 'technician',
    created: QuoteViewDto,
    errors: [404, 409],
  })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateQuoteDto) {
    return this.quotes.issue(user, body);
  }

  @Get(':id')
  @Scopes('quotes:read')
  @ApiRoute({ summary: 'A quote', description: 'Visible to whoever can see its repair request.', auth: 'any', ok: QuoteViewDto, errors: [404] })
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.quotes.get(user, id);
  }

  @Post(':id/reject')
  @Roles('customer')
  @ApiRoute({ summary: 'Decline a pending quote on my repair request', auth: 'customer', ok: QuoteViewDto, errors: [404, 409] })
  reject(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() body: RejectQuoteDto) {
    return this.quotes.reject(user, id, body.reason || null);
  }
}
