import type { DeviceType, PaymentStatus, QuoteStatus, RepairStatus, Role, Urgency } from '@repairhub/contracts';

export const ROLE_LABELS: Record<Role, string> = { customer: 'Customer', technician: 'Technician', admin: 'Admin' };

export const REPAIR_STATUS_LABELS: Record<RepairStatus, string> = {
  submitted: 'Submitted',
  quoted: 'Quote ready',
  approved: 'Approved',
  in_progress: 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

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
