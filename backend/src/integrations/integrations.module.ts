import { Global, Module } from '@nestjs/common';
import { DevicesModule } from '../devices/devices.module.js';
import { ApiKeysController } from './api-keys.controller.js';
import { ApiKeysService } from './api-keys.service.js';
import { WebhookDeliveryWorker } from './webhook-delivery.worker.js';
import { WebhookEndpointsController } from './webhook-endpoints.controller.js';
import { WebhookEndpointsService } from './webhook-endpoints.service.js';

/** API keys and outbound webhooks (global: the app-wide auth guard resolves keys through it). */
@Global()
@Module({
  imports: [DevicesModule],
  controllers: [ApiKeysController, WebhookEndpointsController],
  providers: [ApiKeysService, WebhookEndpointsService, WebhookDeliveryWorker],
  exports: [ApiKeysService],
})
export class IntegrationsModule {}
