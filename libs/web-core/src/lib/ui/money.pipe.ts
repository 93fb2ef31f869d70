import { Pipe, type PipeTransform } from '@angular/core';
import { formatMoney, minorUnits, type Currency } from '@repairhub/contracts';

export { formatMoney } from '@repairhub/contracts';

/** `"129.99"` in `usd` → 12999; null when it is not an amount with at most the currency's decimals. */
export function toMinor(text: string, currency: Currency): number | null {
  const digits = minorUnits(currency);
  const trimmed = text.trim().replace(',', '.');
  const pattern = digits === 0 ? /^\d+$/ : new RegExp(`^\\d+(\\.\\d{1,${digits}})?$`);
  if (!pattern.test(trimmed)) return null;
  const [whole, fraction = ''] = trimmed.split('.');
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || 0);
  return Number.isSafeInteger(minor) ? minor : null;
}

@Pipe({ name: 'money' })
export class MoneyPipe implements PipeTransform {
  transform(amount: number | null | undefined, currency: string): string {
    return amount === null || amount === undefined ? '' : formatMoney(amount, currency);
  }
}
