import { formatTicketNumber, type DeviceView, type RepairDetail, type RepairSummary } from '@repairhub/contracts';
import type { DeviceRecord } from '../devices/devices.repository.js';
import type { Payment } from '../payments/payment.entity.js';
import { toQuoteView, type QuoteRow } from '../quotes/quote.mapper.js';
import { availableStatuses } from './repair.policy.js';
import type { RepairRequest } from './repair-request.entity.js';
import type { RepairStatusHistory } from './repair-status-history.entity.js';
import { trackingUrl } from './tracking-token.js';
import type { User } from '../users/user.entity.js';
import type { Viewer } from './repair-visibility.js';

/** Timestamps inside `json_build_object` arrive as text. */
type AsJson<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] };
/** The repair's device, its columns prefixed `device` (`deviceBrand`, …). */
type DeviceColumns = { [K in keyof DeviceRecord as `device${Capitalize<K>}`]: DeviceRecord[K] };

/** A row of the repair lists (`repair.queries.ts`): the repair with its customer's and technician's names and its device's label. */
export type RepairSummaryRow = Pick<
  RepairRequest,
  'id' | 'ticketSeq' | 'customerId' | 'deviceId' | 'issueDescription' | 'urgency' | 'status' | 'assignedTechnicianId' | 'createdAt' | 'updatedAt'
> &
  Pick<DeviceColumns, 'deviceBrand' | 'deviceModel'> & { customerName: string; technicianName: string | null };

/** The detail page's row: the summary, the whole device, what was noted at the counter, and its quotes, history and paid payments. */
export type RepairDetailRow = RepairSummaryRow &
  DeviceColumns &
  Pick<RepairRequest, 'condition' | 'accessories' | 'depositNote' | 'trackingToken'> & {
    dropOff: { startsAt: string; endsAt: string } | null;
    customerContact: AsJson<Pick<User, 'email' | 'phone'>>;
    quotes: QuoteRow[];
    history: AsJson<Pick<RepairStatusHistory, 'id' | 'fromStatus' | 'toStatus' | 'actorId' | 'actorRole' | 'note' | 'createdAt'>>[];
    payments: AsJson<Pick<Payment, 'id' | 'quoteId' | 'amount' | 'amountRefunded' | 'currency' | 'status' | 'testMode' | 'createdAt' | 'updatedAt'>>[];
  };

export function toRepairSummary(row: RepairSummaryRow): RepairSummary {
  return {
    id: row.id,
    ticketNumber: formatTicketNumber(row.ticketSeq),
    customerId: row.customerId,
    customerName: row.customerName,
    deviceId: row.deviceId,
    deviceLabel: `${row.deviceBrand} ${row.deviceModel}`,
    issueDescription: row.issueDescription,
    urgency: row.urgency,
    status: row.status,
    assignedTechnicianId: row.assignedTechnicianId,
    assignedTechnicianName: row.technicianName,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The device columns of a detail row, as a device. */
export function deviceRowOf(row: RepairDetailRow): DeviceRecord {
  return {
    id: row.deviceId,
    ownerId: row.deviceOwnerId,
    type: row.deviceType,
    brand: row.deviceBrand,
    model: row.deviceModel,
    serialEncrypted: row.deviceSerialEncrypted,
    serialKeyId: row.deviceSerialKeyId,
    createdAt: row.deviceCreatedAt,
    updatedAt: row.deviceUpdatedAt,
  };
}

/** `publicUrl` null: the view leaves the app (webhook payloads), so no tracking link and no customer contact. */
export function toRepairDetail(row: RepairDetailRow, device: DeviceView, viewer: Viewer, publicUrl: string | null, timeZone: string, now: Date = new Date()): RepairDetail {
  const summary = toRepairSummary(row);
  return {
    ...summary,
    device,
    condition: row.condition,
    accessories: row.accessories,
    depositNote: row.depositNote,
    trackingUrl: publicUrl && row.trackingToken ? trackingUrl(publicUrl, row.trackingToken) : null,
    dropOff: row.dropOff && { startsAt: new Date(row.dropOff.startsAt).toISOString(), endsAt: new Date(row.dropOff.endsAt).toISOString(), timeZone },
    customerContact: viewer.role === 'customer' || publicUrl === null ? null : row.customerContact,
    quotes: row.quotes.map((q) => toQuoteView(q, now)),
    history: row.history.map((h) => ({ ...h, createdAt: new Date(h.createdAt).toISOString() })),
    payments: row.payments.map((p) => ({ ...p, createdAt: new Date(p.createdAt).toISOString(), updatedAt: new Date(p.updatedAt).toISOString() })),
    availableStatuses: availableStatuses(viewer, summary),
  };
}
