import { ApiProperty } from '@nestjs/swagger';
import {
  WEBHOOK_EVENT_TYPES,
  type CreateWebhookEndpointRequest,
  type WebhookDeliveryStatus,
  type WebhookDeliveryView,
  type WebhookEndpointCreatedResponse,
  type WebhookEndpointView,
  type WebhookEventType,
} from '@repairhub/contracts';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, MaxLength } from 'class-validator';

export class CreateWebhookEndpointDto implements CreateWebhookEndpointRequest {
  @ApiProperty({ example: 'https://crm.example.com/hooks/repairhub', description: 'https only in production, and never a loopback/private address.' })
  @IsString() @MaxLength(2000)
  url: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length) @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  eventTypes: WebhookEventType[];
}

export class WebhookEndpointViewDto implements WebhookEndpointView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() url: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true }) eventTypes: WebhookEventType[];
  @ApiProperty() active: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class WebhookEndpointCreatedDto implements WebhookEndpointCreatedResponse {
  @ApiProperty({ type: WebhookEndpointViewDto }) endpoint: WebhookEndpointViewDto;
  @ApiProperty({ description: 'Signing secret, shown only now.', example: 'whsec_…' }) secret: string;
}

export class WebhookEndpointPageDto {
  @ApiProperty({ type: [WebhookEndpointViewDto] }) items: WebhookEndpointViewDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class WebhookDeliveryViewDto implements WebhookDeliveryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'The event id (`id` in the payload): de-duplicate on it.' }) eventId: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES }) eventType: WebhookEventType;
  @ApiProperty({ enum: ['pending', 'succeeded', 'failed'] }) status: WebhookDeliveryStatus;
  @ApiProperty() attempts: number;
  @ApiProperty({ type: Number, nullable: true }) responseStatus: number | null;
  @ApiProperty({ type: Number, nullable: true }) latencyMs: number | null;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) nextAttemptAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class WebhookDeliveryPageDto {
  @ApiProperty({ type: [WebhookDeliveryViewDto] }) items: WebhookDeliveryViewDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
