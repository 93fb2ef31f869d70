import type { CounterCustomer } from '@repairhub/contracts';

/** How a customer can be reached, for staff: the email and phone, or the phone and that there is no email. */
export function contactLine(customer: Pick<CounterCustomer, 'email' | 'phone'>): string {
  return customer.email ? [customer.email, customer.phone].filter(Boolean).join(' · ') : [customer.phone, 'No email'].filter(Boolean).join(' · ');
}

/**
 * What the new-customer fields allow: nothing to find or create them by, a phone alone (no invitation
 * goes out; the printed slip's tracking link is how they follow the repair), or an email to invite.
 */
export function newCustomerContact(customer: { email: string; phone: string }): 'missing' | 'phone-only' | 'email' {
  if (customer.email.trim()) return 'email';
  return customer.phone.trim() ? 'phone-only' : 'missing';
}
