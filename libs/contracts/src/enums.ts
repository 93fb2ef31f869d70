/** Account roles. Public registration always yields `customer`. */
export const ROLES = ['customer', 'technician', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that work in the admin console. */
export const STAFF_ROLES: readonly Role[] = ['technician', 'admin'];

export const DEVICE_TYPES = ['phone', 'tablet', 'laptop', 'desktop', 'console', 'wearable', 'other'] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

/** Ordered from least to most urgent; the technician queue sorts by this order, descending. */
export const URGENCIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const REPAIR_STATUSES = ['submitted', 'quoted', 'approved', 'in_progress', 'completed', 'cancelled'] as const;
export type RepairStatus = (typeof REPAIR_STATUSES)[number];

export const QUOTE_STATUSES = ['pending', 'payment_pending', 'accepted', 'rejected', 'expired', 'withdrawn'] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

export const PAYMENT_STATUSES = ['requires_payment', 'processing', 'succeeded', 'refunded', 'failed', 'canceled'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const MESSAGE_TYPES = ['text', 'system'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** Who performs a state change: a signed-in role, or the platform itself (webhooks, jobs). */
export type Actor = Role | 'system';
export const ACTORS: readonly Actor[] = [...ROLES, 'system'];
