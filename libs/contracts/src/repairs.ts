import type { DropOffView } from './appointments.js';
import type { Actor, DeviceType, QuoteStatus, RepairStatus, Role, Urgency } from './enums.js';
import type { Currency } from './money.js';
import type { PaymentView } from './payments.js';

export const DEVICE_BRAND_MAX = 80;
export const DEVICE_MODEL_MAX = 120;
export const SERIAL_NUMBER_MAX = 64;
/** Letters, digits and the separators serial numbers use; no control characters. */
export const SERIAL_NUMBER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 ./_:#-]*$/;
export const ISSUE_DESCRIPTION_MIN = 10;
export const ISSUE_DESCRIPTION_MAX = 4000;
export const STATUS_NOTE_MAX = 1000;
export const QUOTE_NOTES_MAX = 2000;

/**
 * The form a serial is compared in (search, duplicates): surrounding and inner whitespace removed,
 * upper-cased. The serial is stored as entered, apart from trimming.
 */
export function normalizeSerial(serial: string): string {
  return serial.replace(/\s+/g, '').toUpperCase();
}

export interface DeviceView {
  id: string;
  ownerId: string;
  type: DeviceType;
  brand: string;
  model: string;
  /**
   * `null` when the device has no serial. Masked to the last four characters (`•••• 1234`) unless the
   * caller asked to reveal it and may; `serialRevealed` says which.
   */
  serialNumber: string | null;
  serialRevealed: boolean;
  hasSerial: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface CreateDeviceRequest {
  type: DeviceType;
  brand: string;
  model: string;
  serialNumber?: string;
}

/** `serialNumber: null` removes the serial. */
export interface UpdateDeviceRequest {
  type?: DeviceType;
  brand?: string;
  model?: string;
  serialNumber?: string | null;
}

export interface ListDevicesQuery {
  /** Admins only: the devices of one customer. */
  ownerId?: string;
  limit?: number;
  cursor?: string;
}

/** Exact-match search by serial; sent in a POST body so the serial never lands in a URL or an access log. */
export interface SearchDevicesRequest {
  serialNumber: string;
}

export interface GetDeviceQuery {
  /** `true` returns the full serial (the owner, or staff who can see the device; staff reveals are logged). */
  reveal?: boolean;
}

/** One staff reveal of a device's full serial. */
export interface SerialAccessLogEntry {
  id: string;
  deviceId: string;
  userId: string;
  userName: string;
  userRole: Role;
  createdAt: string;
}

export interface CreateRepairRequest {
  deviceId: string;
  issueDescription: string;
  urgency: Urgency;
  /** Book a drop-off: the `startsAt` of a free slot (`GET /appointments/slots`); booked with the repair or neither is made. */
  dropOffAt?: string;
}

export interface RepairSummary {
  id: string;
  /** The short human reference, `R-1042`: sequential, unique, never reused. */
  ticketNumber: string;
  customerId: string;
  customerName: string;
  deviceId: string;
  /** `brand model`, for lists. */
  deviceLabel: string;
  issueDescription: string;
  urgency: Urgency;
  status: RepairStatus;
  assignedTechnicianId: string | null;
  assignedTechnicianName: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface StatusHistoryEntry {
  id: string;
  fromStatus: RepairStatus | null;
  toStatus: RepairStatus;
  actorId: string | null;
  actorRole: Actor;
  note: string | null;
  createdAt: string;
}

export interface QuoteView {
  id: string;
  repairRequestId: string;
  technicianId: string;
  partsCost: number;
  laborCost: number;
  /** `partsCost + laborCost`, computed by the server. */
  total: number;
  currency: Currency;
  notes: string | null;
  /** A `pending` quote past `expiresAt` reads as `expired`. */
  status: QuoteStatus;
  /** The customer's reason, when they rejected it and gave one. */
  rejectionReason: string | null;
  expiresAt: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * A payment of the repair as its detail shows it: `status` `refunded` when refunded in full; a partial
 * refund keeps `succeeded` with `amountRefunded > 0`.
 */
export type RepairPaymentView = Pick<PaymentView, 'id' | 'quoteId' | 'amount' | 'amountRefunded' | 'currency' | 'status' | 'testMode' | 'createdAt' | 'updatedAt'>;

export interface RepairDetail extends RepairSummary {
  device: DeviceView;
  /** The payments that went through (succeeded or refunded), newest first. */
  payments: RepairPaymentView[];
  /** Newest first. */
  quotes: QuoteView[];
  /** Oldest first: the status timeline. */
  history: StatusHistoryEntry[];
  /** The statuses the caller may move this repair to through `POST /repairs/:id/status`. */
  availableStatuses: RepairStatus[];
  /** What the device looked like when it was left at the counter. */
  condition: string | null;
  /** What was left with the device. */
  accessories: string[];
  /** A deposit taken at the counter, as staff wrote it down. */
  depositNote: string | null;
  /** The public status page (`/track/<token>`), for staff and the owner to hand out; `null` until one is made. */
  trackingUrl: string | null;
  /** The booked drop-off appointment, if the customer booked one and it still stands. */
  dropOff: DropOffView | null;
  /**
   * How staff reach the customer (a walk-in may have only a phone); `null` for the customer, who knows,
   * and in webhook payloads, which leave the shop.
   */
  customerContact: CustomerContact | null;
}

export interface CustomerContact {
  email: string | null;
  phone: string | null;
}

/** `assignedTo`: a technician id, or `none` for unassigned requests. */
export interface ListRepairsQuery {
  status?: RepairStatus;
  urgency?: Urgency;
  assignedTo?: string;
  /** `true`: only repairs still in progress (neither completed nor cancelled). */
  open?: boolean;
  /**
   * Staff only (customers get 403): a ticket number (`R-1042`, `r-1042`), or words found in
   * the customer's name or email or the device's brand or model, or a phone number (any format)
   * found in the customer's.
   */
  q?: string;
  limit?: number;
  cursor?: string;
}

export const UNASSIGNED = 'none';

/** Bounds of `ListRepairsQuery.q`. */
export const REPAIR_SEARCH_MAX = 100;

/** `R-1042`, `r-1042` or `R1042` → 1042; anything else → null. */
export function parseTicketNumber(value: string): number | null {
  const match = /^r-?(\d{1,15})$/i.exec(value.trim());
  return match ? Number(match[1]) : null;
}

export function formatTicketNumber(seq: number | string): string {
  return `R-${seq}`;
}

export interface AssignRepairRequest {
  /** A technician may omit it (or send their own id); admins must name the technician. */
  technicianId?: string;
}

export interface ChangeRepairStatusRequest {
  status: RepairStatus;
  note?: string;
}

export interface CreateQuoteRequest {
  repairRequestId: string;
  partsCost: number;
  laborCost: number;
  currency: Currency;
  notes?: string;
  /** Defaults to `QUOTE_DEFAULT_TTL_DAYS` from now; must be in the future and within `QUOTE_MAX_TTL_DAYS`. */
  expiresAt?: string;
}

export interface RejectQuoteRequest {
  reason?: string;
}

export const QUOTE_REJECTION_REASON_MAX = 1000;
export const QUOTE_DEFAULT_TTL_DAYS = 14;
export const QUOTE_MAX_TTL_DAYS = 90;

/** The status a quote reads as at `now`: a pending quote whose time is up is `expired`. */
export function effectiveQuoteStatus(quote: { status: QuoteStatus; expiresAt: Date | string }, now: Date = new Date()): QuoteStatus {
  if (quote.status !== 'pending') return quote.status;
  return new Date(quote.expiresAt).getTime() <= now.getTime() ? 'expired' : 'pending';
}

/** Urgency, most urgent first: the order of the technician queue. */
export const URGENCY_QUEUE_ORDER: readonly Urgency[] = ['urgent', 'high', 'normal', 'low'];
