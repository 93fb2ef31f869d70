import type { DeviceType, QuoteStatus, RepairStatus, Urgency, Actor } from './enums.js';

export const ISSUE_DESCRIPTION_MIN = 10;
export const ISSUE_DESCRIPTION_MAX = 4000;

export interface DeviceView {
  id: string;
  ownerId: string;
  type: DeviceType;
  brand: string;
  model: string;
  /** Masked to the last four characters unless the caller asked to reveal it. */
  serialNumber: string | null;
  hasSerial: boolean;
  createdAt: string;
}

export interface CreateDeviceRequest {
  type: DeviceType;
  brand: string;
  model: string;
  serialNumber?: string;
}

export type UpdateDeviceRequest = Partial<CreateDeviceRequest>;

export interface CreateRepairRequest {
  deviceId: string;
  issueDescription: string;
  urgency: Urgency;
}

export interface RepairSummary {
  id: string;
  customerId: string;
  customerName: string;
  deviceId: string;
  deviceLabel: string;
  issueDescription: string;
  urgency: Urgency;
  status: RepairStatus;
  assignedTechnicianId: string | null;
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
  total: number;
  currency: string;
  notes: string | null;
  status: QuoteStatus;
  expiresAt: string;
  createdAt: string;
}

export interface RepairDetail extends RepairSummary {
  device: DeviceView;
  quotes: QuoteView[];
  history: StatusHistoryEntry[];
}

export interface ListRepairsQuery {
  status?: RepairStatus;
  urgency?: Urgency;
  assignedTo?: string;
  limit?: number;
  cursor?: string;
}

export interface AssignRepairRequest {
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
  currency: string;
  notes?: string;
  expiresAt?: string;
}

export const QUOTE_DEFAULT_TTL_DAYS = 14;
/** Largest amount in minor units we accept for one quote line (a sanity bound, ~10M in major units). */
export const MAX_AMOUNT_MINOR = 1_000_000_000;
