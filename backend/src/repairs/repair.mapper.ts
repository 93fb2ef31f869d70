import { formatTicketNumber, type Actor, type Currency, type DeviceView, type PaymentStatus, type RepairDetail, type RepairPaymentView, type RepairStatus, type RepairSummary, type StatusHistoryEntry, type Urgency } from '@repairhub/contracts';
import type { DeviceRecord } from '../devices/devices.repository.js';
import { toQuoteView, type QuoteRow } from '../quotes/quote.mapper.js';
import { availableStatuses } from './repair.policy.js';
import { trackingUrl } from './tracking-token.js';
import type { Viewer } from './repair-visibility.js';

export interface RepairSummaryRow {
  id: string;
  ticket_seq: string;
  customer_id: string;
  customer_name: string;
  device_id: string;
  device_brand: string;
  device_model: string;
  issue_description: string;
  urgency: Urgency;
  status: RepairStatus;
  assigned_technician_id: string | null;
  technician_name: string | null;
  created_at: Date;
  updated_at: Date;
}

interface HistoryRow {
  id: string;
  from_status: RepairStatus | null;
  to_status: RepairStatus;
  actor_id: string | null;
  actor_role: Actor;
  note: string | null;
  created_at: string;
}

interface RepairPaymentRow {
  id: string;
  quote_id: string;
  amount: number;
  amount_refunded: number;
  currency: Currency;
  status: PaymentStatus;
  test_mode: boolean;
  created_at: string;
  updated_at: string;
}

export type RepairDetailRow = RepairSummaryRow & {
  device_owner_id: string;
  device_type: DeviceRecord['type'];
  device_serial_encrypted: Buffer | Uint8Array | null;
  device_serial_key_id: string | null;
  device_created_at: Date;
  device_updated_at: Date;
  quotes: QuoteRow[];
  history: HistoryRow[];
  payments: RepairPaymentRow[];
  condition: string | null;
  accessories: string[];
  deposit_note: string | null;
  tracking_token: string | null;
  drop_off: { starts_at: string; ends_at: string } | null;
};

export function toRepairSummary(row: RepairSummaryRow): RepairSummary {
  return {
    id: row.id,
    ticketNumber: formatTicketNumber(row.ticket_seq),
    customerId: row.customer_id,
    customerName: row.customer_name,
    deviceId: row.device_id,
    deviceLabel: `${row.device_brand} ${row.device_model}`,
    issueDescription: row.issue_description,
    urgency: row.urgency,
    status: row.status,
    assignedTechnicianId: row.assigned_technician_id,
    assignedTechnicianName: row.technician_name,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The device columns of a detail row, as a device. */
export function deviceRowOf(row: RepairDetailRow): DeviceRecord {
  return {
    id: row.device_id,
    ownerId: row.device_owner_id,
    type: row.device_type,
    brand: row.device_brand,
    model: row.device_model,
    serialEncrypted: row.device_serial_encrypted as Buffer | null,
    serialKeyId: row.device_serial_key_id,
    createdAt: row.device_created_at,
    updatedAt: row.device_updated_at,
  };
}

/** `publicUrl` null: no tracking link in this view (webhook payloads leave the app). */
export function toRepairDetail(row: RepairDetailRow, device: DeviceView, viewer: Viewer, publicUrl: string | null, timeZone: string, now: Date = new Date()): RepairDetail {
  const summary = toRepairSummary(row);
  return {
    ...summary,
    device,
    condition: row.condition,
    accessories: row.accessories,
    depositNote: row.deposit_note,
    trackingUrl: publicUrl && row.tracking_token ? trackingUrl(publicUrl, row.tracking_token) : null,
    dropOff: row.drop_off && { startsAt: new Date(row.drop_off.starts_at).toISOString(), endsAt: new Date(row.drop_off.ends_at).toISOString(), timeZone },
    quotes: row.quotes.map((q) => toQuoteView(q, now)),
    history: row.history.map(
      (h): StatusHistoryEntry => ({
        id: h.id,
        fromStatus: h.from_status,
        toStatus: h.to_status,
        actorId: h.actor_id,
        actorRole: h.actor_role,
        note: h.note,
        createdAt: new Date(h.created_at).toISOString(),
      }),
    ),
    payments: row.payments.map(
      (p): RepairPaymentView => ({
        id: p.id,
        quoteId: p.quote_id,
        amount: p.amount,
        amountRefunded: p.amount_refunded,
        currency: p.currency,
        status: p.status,
        testMode: p.test_mode,
        createdAt: new Date(p.created_at).toISOString(),
        updatedAt: new Date(p.updated_at).toISOString(),
      }),
    ),
    availableStatuses: availableStatuses(viewer, summary),
  };
}
