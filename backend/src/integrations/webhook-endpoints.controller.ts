import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth-user.js';
import { CurrentUser, Roles } from '../common/decorators/auth.decorators.js';
import { Scopes } from '../common/decorators/scopes.decorator.js';
import { ApiRoute } from '../common/http/api-route.decorator.js';
import { PageQueryDto } from '../common/http/pagination.js';
import { CreateWebhookEndpointDto, WebhookDeliveryPageDto, WebhookDeliveryViewDto, WebhookEndpointCreatedDto, WebhookEndpointPageDto } from './dto/webhook.dto.js';
import { WebhookEndpointsService } from './webhook-endpoints.service.js';

const uuid = new ParseUUIDPipe();

@ApiTags('webhooks')
@Controller('webhook-endpoints')
@Roles('admin')
@Scopes('webhooks:manage')
export class WebhookEndpointsController {
  constructor(private readonly endpoints: WebhookEndpointsService) {}

  @Post()
  @ApiRoute({
    summary: 'Register a webhook endpoint (the signing secret is shown once)',
    description: 'Deliveries are signed in `RepairHub-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">`; see docs/integrations.md in the repository.',
    auth: 'admin',
    created: WebhookEndpointCreatedDto,
  })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateWebhookEndpointDto) {
    return this.endpoints.create(user, body);
  }

  @Get()
  @ApiRoute({ summary: 'List webhook endpoints', auth: 'admin', ok: WebhookEndpointPageDto })
  list(@Query() query: PageQueryDto) {
    return this.endpoints.list(query);
  }

  @Delete(':id')
  @ApiRoute({ summary: 'Remove a webhook endpoint and its pending deliveries', auth: 'admin', noContent: true, errors: [404] })
  async remove(@Param('id', uuid) id: string): Promise<void> {
    await this.endpoints.remove(id);
  }

  @Get(':id/deliveries')
  @ApiRoute({ summary: 'The delivery log of an endpoint (status, response code, latency, error)', auth: 'admin', ok: WebhookDeliveryPageDto, errors: [404] })
  deliveries(@Param('id', uuid) id: string, @Query() query: PageQueryDto) {
    return this.endpoints.deliveries(id, query);
  }

  @Post(':id/deliveries/:deliveryId/resend')
  @ApiRoute({ summary: 'Send a delivery again now', auth: 'admin', ok: WebhookDeliveryViewDto, errors: [404] })
  resend(@Param('id', uuid) id: string, @Param('deliveryId', uuid) deliveryId: string) {
    return this.endpoints.resend(id, deliveryId);
  }
}
