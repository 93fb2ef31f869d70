import type { CreateDeviceRequest } from './repairs.js';
import type { DeviceType, RepairStatus, Urgency } from './enums.js';
import type { QuoteView, RepairDetail } from './repairs.js';
import type { ShopView } from './shop.js';

export const PHONE_MAX = 32;
export const DEVICE_CONDITION_MAX = 1000;
export const DEPOSIT_NOTE_MAX = 500;
export const ACCESSORY_MAX = 60;
export const ACCESSORIES_MAX_COUNT = 20;
/** What staff usually tick at the counter; anything else may be typed. */
export const COMMON_ACCESSORIES = ['Charger', 'Case', 'SIM card', 'Cable', 'Stylus'] as const;
/** Invitation links last longer than reset links: a walk-in customer may read the email days later. */
export const INVITATION_TTL_MINUTES = 7 * 24 * 60;

/**
 * The walk-in customer: matched to an existing customer by email (case- and form-insensitive) or,
 * failing that, by phone; a new one needs an email or a phone. Only a customer with an email is invited
 * to set a password; one found by phone without an email gets the email given now, and the invitation.
 */
export interface CheckInCustomer {
  name: string;
  email?: string;
  phone?: string;
}

/** `POST /repairs/check-in` (technician, admin). Exactly one of `device` and `deviceId`. */
export interface CheckInRequest {
  customer: CheckInCustomer;
  /** A new device of the customer. */
  device?: CreateDeviceRequest;
  /** One of the customer's devices. */
  deviceId?: string;
  issueDescription: string;
  urgency: Urgency;
  /** Scratches, dents, a cracked back: what the device looked like when it was left. */
  condition?: string;
  /** What was left with the device (charger, case, SIM card…). */
  accessories?: string[];
  /** A deposit taken at the counter, as staff wrote it down. */
  depositNote?: string;
  /** A technician checking in takes the repair unless this is `false`; ignored for admins. */
  assignToMe?: boolean;
}

/**
 * Whether the check-in invited the customer to set a password: `sent` (an email without a password yet),
 * `has_password` (they sign in already), `no_email` (a phone-only customer: the tracking link on the
 * printed slip is how they follow the repair).
 */
export const CHECK_IN_INVITATIONS = ['sent', 'has_password', 'no_email'] as const;
export type CheckInInvitation = (typeof CHECK_IN_INVITATIONS)[number];

/** `POST /repairs/check-in` answers the repair as staff see it, and whether the customer was invited. */
export interface CheckInResponse extends RepairDetail {
  invitation: CheckInInvitation;
}

/** One step of the public timeline: no actor, nothing internal. */
export interface PublicStatusStep {
  fromStatus: RepairStatus | null;
  toStatus: RepairStatus;
  note: string | null;
  createdAt: string;
}

/** The current quote as the public page shows it. */
export type PublicQuote = Pick<QuoteView, 'partsCost' | 'laborCost' | 'total' | 'currency' | 'status' | 'notes' | 'expiresAt'>;

/** `GET /public/track/:token`: what anyone holding the link sees, and nothing else. */
export interface PublicTrackingView {
  ticketNumber: string;
  status: RepairStatus;
  history: PublicStatusStep[];
  /** The newest quote, when there is one. */
  quote?: PublicQuote;
  shop: ShopView;
}

export const CUSTOMER_LOOKUP_MIN = 2;
export const CUSTOMER_LOOKUP_LIMIT = 8;

/** `GET /counter/customers?q=` (technician, admin): at least {@link CUSTOMER_LOOKUP_MIN} characters. */
export interface CustomerLookupQuery {
  q: string;
}

/** A device as the counter picks it: no serial. */
export interface CounterDevice {
  id: string;
  type: DeviceType;
  brand: string;
  model: string;
}

/** An active customer matching the counter's search by name, email or phone, with their devices. */
export interface CounterCustomer {
  id: string;
  name: string;
  /** `null` for a customer checked in with only a phone number. */
  email: string | null;
  phone: string | null;
  devices: CounterDevice[];
}
