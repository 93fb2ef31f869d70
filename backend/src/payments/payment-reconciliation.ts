import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Jobs } from '../infra/jobs/jobs.service.js';
import { PaymentWebhooksService } from './payment-webhooks.service.js';
import { PaymentGateway } from './payment-gateway.js';
import { PaymentsRepository } from './payments.repository.js';

export const STUCK_AFTER_MINUTES = 15;
const BATCH = 100;

export interface ReconcileResult {
  checked: number;
  repaired: number;
  failed: number;
}

/**
 * Webhooks get lost (endpoint down, misconfigured secret). Every 5 minutes, payments stuck in a
 * non-final state for over 15 minutes are compared with the PaymentIntent Stripe has, and moved the
 * way its webhook would have moved them (same code path, same checks). Safe to run concurrently and
 * repeatedly: the transition is conditional and forward-only.
 */
@Injectable()
export class PaymentReconciliation implements OnModuleInit {
  private readonly logger = new Logger('PaymentReconciliation');

  constructor(
    private readonly payments: PaymentsRepository,
    private readonly gateway: PaymentGateway,
    private readonly webhooks: PaymentWebhooksService,
    private readonly jobs: Jobs,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: 'payments.reconcile', attempts: 3, backoffMs: 2000, handle: async () => void (await this.reconcileStuck()) });
    this.jobs.every('payments.reconcile', 5 * 60_000);
  }

  async reconcileStuck(): Promise<ReconcileResult> {
    const result: ReconcileResult = { checked: 0, repaired: 0, failed: 0 };
    // Only payments this gateway took: test-mode ones were never at Stripe, and the other way round.
    const stuck = await this.payments.stuck(STUCK_AFTER_MINUTES, this.gateway.testMode, BATCH);
    for (const payment of stuck) {
      result.checked++;
      try {
        const change = await this.gateway.fetchIntent(payment.providerRef);
        // Still waiting for the customer, or (test mode) nobody to ask.
        if (!change) continue;
        const outcome = await this.webhooks.reconcile(change);
        if (outcome === 'applied') {
          result.repaired++;
          this.logger.warn({ paymentId: payment.id, intentStatus: change.intent.status }, 'Payment repaired from Stripe (its webhook never arrived)');
        }
      } catch (error) {
        result.failed++;
        this.logger.warn({ paymentId: payment.id, err: error }, 'Could not reconcile a payment');
      }
    }
    // Retry the run (with backoff) when Stripe could not be asked; repaired ones are not touched again.
    if (result.failed > 0) throw new Error(`${result.failed} of ${result.checked} stuck payments could not be checked with Stripe`);
    return result;
  }
}
