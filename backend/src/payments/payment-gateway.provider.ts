import type { Provider } from '@nestjs/common';
import { AppConfig } from '../config/configuration.js';
import { PaymentGateway } from './payment-gateway.js';
import { StripePaymentGateway } from './stripe-payment.gateway.js';
import { TestModePaymentGateway } from './test-mode-payment.gateway.js';

/** Chosen once at start: Stripe when a secret key is configured, else the labelled test mode. */
export function createPaymentGateway(config: AppConfig): PaymentGateway {
  const { secretKey } = config.stripe;
  if (secretKey) return new StripePaymentGateway({ ...config.stripe, secretKey });
  // Configuration already refuses this; a test-mode gateway must never exist in production.
  if (config.env === 'production') throw new Error('Payments test mode is refused when NODE_ENV=production');
  return new TestModePaymentGateway(config.stripe);
}

export const paymentGatewayProvider: Provider = { provide: PaymentGateway, inject: [AppConfig], useFactory: createPaymentGateway };
