import { minorUnits, type Currency } from '@repairhub/contracts';
import { conflict } from '../common/errors/domain-error.js';

/**
 * Where Stripe's "smallest currency unit" differs from ISO 4217's minor unit, which our amounts use
 * (quotes store `12999` for 129.99 usd and `5000` for 5000 jpy). Per Stripe's currency docs:
 * - ISK is zero-decimal in ISO but Stripe still takes it with two decimals (amount × 100);
 * - MGA has two ISO decimals but is zero-decimal at Stripe (only whole ariary are chargeable);
 * - three-decimal currencies (BHD, JOD, KWD, OMR, TND) keep three decimals at Stripe, but the last
 *   digit must be 0.
 * Every other currency (JPY, KRW, ... included) is passed through unchanged: never multiplied.
 */
const STRIPE_DECIMALS: Partial<Record<Currency, number>> = { isk: 2, mga: 0 };
const LAST_DIGIT_ZERO: ReadonlySet<Currency> = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd'] as Currency[]);

function shift(currency: Currency): number {
  return (STRIPE_DECIMALS[currency] ?? minorUnits(currency)) - minorUnits(currency);
}

/** Our amount (ISO minor units) as Stripe expects it; 409 when Stripe cannot charge exactly that. */
export function toStripeAmount(amount: number, currency: Currency): number {
  if (!Number.isSafeInteger(amount) || amount <= 0) throw conflict('PAYMENT.INVALID_AMOUNT', 'The amount must be a positive whole number of minor units.');
  const by = shift(currency);
  if (by < 0 && amount % 10 ** -by !== 0) {
    throw conflict('PAYMENT.AMOUNT_NOT_CHARGEABLE', `${currency.toUpperCase()} amounts can only be charged in whole units.`);
  }
  if (LAST_DIGIT_ZERO.has(currency) && amount % 10 !== 0) {
    throw conflict('PAYMENT.AMOUNT_NOT_CHARGEABLE', `${currency.toUpperCase()} amounts must end in 0 to be charged by card.`);
  }
  return by >= 0 ? amount * 10 ** by : amount / 10 ** -by;
}

/** A Stripe amount (e.g. a charge's `amount_refunded`) back in our ISO minor units. */
export function fromStripeAmount(amount: number, currency: Currency): number {
  const by = shift(currency);
  return by >= 0 ? Math.floor(amount / 10 ** by) : amount * 10 ** -by;
}
