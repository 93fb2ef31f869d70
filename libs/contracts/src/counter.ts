import type { CreateDeviceRequest } from './repairs.js';
import type { DeviceType, RepairStatus, Urgency } from './enums.js';
import type { QuoteView } from './repairs.js';
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
 * failing that, by phone; a new one needs an email (the invitation goes there).
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
  email: string;
  phone: string | null;
  devices: CounterDevice[];
}
