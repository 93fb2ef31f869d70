import { Pipe, type PipeTransform } from '@angular/core';
import { isCurrency, minorUnits } from '@repairhub/contracts';

/** Formats integer minor units (`12999`, `usd`) as money (`$129.99`); JPY and friends are not divided. */
export function formatMoney(amount: number, currency: string, locale?: string): string {
  const digits = isCurrency(currency) ? minorUnits(currency) : 2;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: currency.toUpperCase(),
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amount / 10 ** digits);
}

@Pipe({ name: 'money' })
export class MoneyPipe implements PipeTransform {
  transform(amount: number | null | undefined, currency: string): string {
    return amount === null || amount === undefined ? '' : formatMoney(amount, currency);
  }
}
