import { Global, Module } from '@nestjs/common';
import { DevicesModule } from '../devices/devices.module.js';
import { ApiKeysController } from './api-keys.controller.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import { ApiKeysService } from './api-keys.service.js';
import { WebhookDeliveryWorker } from './webhook-delivery.worker.js';
import { WebhookEndpointsController } from './webhook-endpoints.controller.js';
import { WebhookEndpointsService } from './webhook-endpoints.service.js';
import { WebhooksRepository } from './webhooks.repository.js';

/** API keys and outbound webhooks (global: the app-wide auth guard resolves keys through it). */
@Global()
@Module({
  imports: [DevicesModule],
  controllers: [ApiKeysController, WebhookEndpointsController],
  providers: [ApiKeysService, ApiKeysRepository, WebhookEndpointsService, WebhooksRepository, WebhookDeliveryWorker],
  exports: [ApiKeysService],
})
export class IntegrationsModule {}
