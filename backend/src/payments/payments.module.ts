import { Module } from '@nestjs/common';
import { QuotesModule } from '../quotes/quotes.module.js';
import { RepairsModule } from '../repairs/repairs.module.js';
import { paymentGatewayProvider } from './payment-gateway.provider.js';
import { PaymentOutcomeWorkflow } from './payment-outcome.workflow.js';
import { PaymentReconciliation } from './payment-reconciliation.js';
import { PaymentWebhooksService } from './payment-webhooks.service.js';
import { PaymentsRepository } from './payments.repository.js';
import { PaymentsController } from './payments.controller.js';
import { PaymentsService } from './payments.service.js';
import { QuoteAcceptanceController } from './quote-acceptance.controller.js';

@Module({
  imports: [QuotesModule, RepairsModule],
  controllers: [PaymentsController, QuoteAcceptanceController],
  providers: [paymentGatewayProvider, PaymentsService, PaymentsRepository, PaymentOutcomeWorkflow, PaymentWebhooksService, PaymentReconciliation],
  exports: [PaymentsService],
})
export class PaymentsModule {}
