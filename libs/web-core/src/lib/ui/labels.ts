import { URGENCIES, type DeviceType, type PaymentStatus, type QuoteStatus, type Role, type Urgency } from '@repairhub/contracts';

export const ROLE_LABELS: Record<Role, string> = { customer: 'Customer', technician: 'Technician', admin: 'Admin' };

export { REPAIR_STATUS_LABELS } from '@repairhub/contracts';

export const QUOTE_STATUS_LABELS: Record<QuoteStatus, string> = {
  pending: 'Awaiting your decision',
  payment_pending: 'Payment in progress',
  accepted: 'Accepted and paid',
  rejected: 'Declined',
  expired: 'Expired',
  withdrawn: 'Withdrawn',
};

export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, string> = {
  requires_payment: 'Waiting for payment',
  processing: 'Processing',
  succeeded: 'Paid',
  refunded: 'Refunded',
  failed: 'Failed',
  canceled: 'Canceled',
};

/** For tables and filters, where the longer customer wording does not fit. */
export const URGENCY_SHORT_LABELS: Record<Urgency, string> = { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' };

/** Urgencies for filters and charts, most urgent first. */
export const URGENCIES_MOST_URGENT_FIRST: readonly Urgency[] = [...URGENCIES].reverse();

export const URGENCY_LABELS: Record<Urgency, string> = {
  low: 'Low — whenever convenient',
  normal: 'Normal',
  high: 'High — needed soon',
  urgent: 'Urgent — needed as soon as possible',
};

export const DEVICE_TYPE_LABELS: Record<DeviceType, string> = {
  phone: 'Phone',
  tablet: 'Tablet',
  laptop: 'Laptop',
  desktop: 'Desktop computer',
  console: 'Game console',
  wearable: 'Wearable',
  other: 'Other',
};
