import { minorUnits, type Currency, type RepairStatus } from '@repairhub/contracts';

/** The text of the `system` messages that make a conversation the repair's timeline. */
const STATUS_LABEL: Record<RepairStatus, string> = {
  submitted: 'Submitted',
  quoted: 'Quoted',
  approved: 'Approved',
  in_progress: 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

export function formatAmount(amountMinor: number, currency: Currency | string): string {
  const digits = minorUnits(currency.toLowerCase() as Currency);
  return `${(amountMinor / 10 ** digits).toFixed(digits)} ${currency.toUpperCase()}`;
}

export function statusChangedText(from: RepairStatus, to: RepairStatus, note: string | null): string {
  const text = `Status changed: ${STATUS_LABEL[from]} → ${STATUS_LABEL[to]}.`;
  return note ? `${text} Note: ${note}` : text;
}

export function quoteIssuedText(total: number, currency: Currency, expiresAt: string, replaces: boolean): string {
  return `${replaces ? 'Revised quote' : 'Quote'} issued: ${formatAmount(total, currency)}, valid until ${expiresAt.slice(0, 10)}.`;
}

export function paymentSucceededText(amount: number, currency: Currency | string): string {
  return `Payment received: ${formatAmount(amount, currency)}.`;
}

export function technicianAssignedText(reassigned: boolean): string {
  return reassigned ? 'The repair was handed over to another technician.' : 'A technician took on this repair.';
}
