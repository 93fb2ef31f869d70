import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  DEFAULT_PAGE_LIMIT,
  FINAL_REPAIR_STATUSES,
  type Actor,
  type Page,
  type RepairDetail,
  type RepairStatus,
  type RepairSummary,
} from '@repairhub/contracts';
import { conflict, forbidden, invalid, notFound } from '../common/errors/domain-error.js';
import { DomainEvents } from '../common/events/domain-events.js';
import { AppConfig } from '../config/configuration.js';
import { toPage } from '../common/http/pagination.js';
import { onReadReplica } from '../database/read-replica.js';
import { AppointmentSlots } from '../appointments/appointment-slots.service.js';
import { DevicesService } from '../devices/devices.service.js';
import { enqueueWebhook } from '../integrations/webhook-outbox.js';
import { UsersRepository } from '../users/users.repository.js';
import type { CreateRepairDto, ListRepairsQueryDto } from './dto/repair.dto.js';
import { deviceRowOf, toRepairDetail, toRepairSummary } from './repair.mapper.js';
import { actorFor, transitionRefusal } from './repair.policy.js';
import { loadRepairDetail, loadRepairList, repairCursorOf } from './repair.queries.js';
import type { Viewer } from './repair-visibility.js';
import { RepairsRepository, type NewRepair as NewRepairRow, type RepairParties } from './repairs.repository.js';
import { newTrackingToken } from './tracking-token.js';

/** A repair row locked in the caller's transaction (`RepairsRepository.lock`). */
export type LockedRepair = RepairParties;

/** Who makes a status change; `id` is null for the platform itself. */
export interface TransitionActor {
  id: string | null;
  role: Actor;
}

/** What `insert` stores: the repair as submitted, with what was left at the counter. */
export type NewRepair = Omit<NewRepairRow, 'trackingToken'>;

export interface TransitionResult {
  repairId: string;
  from: RepairStatus;
  to: RepairStatus;
}

export const repairNotFound = () => notFound('REPAIR.NOT_FOUND', 'Repair request');

@Injectable()
export class RepairsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repairs: RepairsRepository,
    private readonly devices: DevicesService,
    private readonly users: UsersRepository,
    private readonly events: DomainEvents,
    private readonly config: AppConfig,
    private readonly appointments: AppointmentSlots,
  ) {}

  async create(customer: Viewer, input: CreateRepairDto): Promise<RepairDetail> {
    // Someone else's device reads exactly like a missing one.
    if (!(await this.devices.isOwnedBy(input.deviceId, customer.id))) throw notFound('DEVICE.NOT_FOUND', 'Device');
    const id = await this.db.transaction(async (m) => {
      const repairId = await this.insert(m, { customerId: customer.id, deviceId: input.deviceId, issueDescription: input.issueDescription, urgency: input.urgency }, { id: customer.id, role: 'customer' });
      if (input.dropOffAt) await this.appointments.book(m, repairId, input.dropOffAt);
      return repairId;
    });
    return this.get(customer, id);
  }

  /**
   * Inserts a `submitted` repair with its first history row and tracking token, inside `manager`'s
   * transaction, and announces it (webhook, `repair.created`). Returns its id.
   */
  async insert(manager: EntityManager, repair: NewRepair, actor: TransitionActor): Promise<string> {
    const id = await this.repairs.add(manager, { ...repair, trackingToken: newTrackingToken() });
    await this.recordHistory(manager, id, null, 'submitted', actor, null);
    await enqueueWebhook(manager, 'repair.created', () => this.webhookView(manager, id));
    this.events.publish(manager, 'repair.created', { repairId: id, customerId: repair.customerId, deviceId: repair.deviceId, urgency: repair.urgency });
    return id;
  }

  /** A new tracking token for a repair `viewer` may see, as staff or its owner; the old link stops working. */
  async replaceTrackingLink(viewer: Viewer, id: string): Promise<RepairDetail> {
    if (!(await this.repairs.replaceTrackingToken(viewer, id, newTrackingToken()))) throw repairNotFound();
    return this.get(viewer, id);
  }

  /** Customers and admins: newest first. Technicians: their queue (urgency, then age). */
  async list(viewer: Viewer, query: ListRepairsQueryDto): Promise<Page<RepairSummary>> {
    if (query.q !== undefined && viewer.role === 'customer') throw forbidden('REPAIR.SEARCH_STAFF_ONLY', 'Only staff can search repairs.');
    const limit = query.limit ?? DEFAULT_PAGE_LIMIT;
    const rows = await onReadReplica(this.db, (m) => loadRepairList(m, viewer, query, limit));
    const page = toPage(rows, limit, (row) => repairCursorOf(viewer, row));
    return { items: page.items.map(toRepairSummary), nextCursor: page.nextCursor };
  }

  /** The detail page: device (serial masked), quotes, history. Not visible reads as not found. */
  async get(viewer: Viewer, id: string): Promise<RepairDetail> {
    const row = await loadRepairDetail(this.db.manager, viewer, id);
    if (!row) throw repairNotFound();
    return toRepairDetail(row, this.devices.view(deviceRowOf(row), false), viewer, this.config.http.publicUrl, this.config.appointments.timeZone);
  }

  /** The repair as an admin reads it from the API, inside `manager`'s transaction (webhook payloads). */
  private async webhookView(manager: EntityManager, id: string): Promise<RepairDetail> {
    const admin: Viewer = { id: '00000000-0000-0000-0000-000000000000', role: 'admin' };
    const row = (await loadRepairDetail(manager, admin, id))!;
    return toRepairDetail(row, this.devices.view(deviceRowOf(row), false), admin, null, this.config.appointments.timeZone);
  }

  /**
   * Technicians take an unassigned `submitted` request (or keep their own); admins assign any open
   * request to any active technician. Two technicians racing for one request: the first wins, the
   * other no longer sees it (404).
   */
  async assign(viewer: Viewer, id: string, technicianId: string | undefined): Promise<RepairDetail> {
    let target: string;
    if (viewer.role === 'technician') {
      if (technicianId && technicianId !== viewer.id) {
        throw forbidden('REPAIR.ASSIGN_OTHERS_FORBIDDEN', 'Technicians can assign requests only to themselves.');
      }
      target = viewer.id;
    } else {
      if (!technicianId) throw invalid('REPAIR.TECHNICIAN_REQUIRED', 'technicianId is required', 'technicianId');
      if (!(await this.users.isActiveTechnician(technicianId))) throw invalid('REPAIR.INVALID_TECHNICIAN', 'technicianId must be an active technician', 'technicianId');
      target = technicianId;
    }
    await this.db.transaction(async (m) => {
      const repair = await this.lockVisible(m, viewer, id);
      if (FINAL_REPAIR_STATUSES.includes(repair.status)) throw conflict('REPAIR.CLOSED', `A ${repair.status} repair cannot be reassigned.`);
      if (repair.assignedTechnicianId !== target) await this.assignLocked(m, repair, target, viewer.id);
    });
    return this.get(viewer, id);
  }

  /** `POST /repairs/:id/status`: the caller's role on this repair decides which moves are open. */
  async changeStatus(viewer: Viewer, id: string, to: RepairStatus, note: string | null): Promise<RepairDetail> {
    if (to === 'cancelled') throw new Error('A cancellation closes the open quote too: use RepairCancellationWorkflow');
    await this.db.transaction(async (m) => {
      const repair = await this.lockVisible(m, viewer, id);
      const role = actorFor(viewer, repair);
      if (!role) throw forbidden('REPAIR.NOT_ASSIGNED', 'Only the assigned technician can change this repair’s status.');
      await this.applyTransition(m, repair, to, { id: viewer.id, role }, note);
    });
    return this.get(viewer, id);
  }

  /**
   * For other modules, inside their transaction (`manager`): locks the repair, checks the move
   * against the contracts' table for `actor.role`, updates it, writes the history row, and publishes
   * `repair.status_changed` once the caller's transaction commits. Throws `REPAIR.NOT_FOUND`,
   * `REPAIR.INVALID_TRANSITION` (409), `REPAIR.TRANSITION_FORBIDDEN` (403). With `manager` null
   * it runs in a transaction of its own (jobs, scripts).
   */
  async transition(
    manager: EntityManager | null,
    repairId: string,
    to: RepairStatus,
    actor: TransitionActor,
    note: string | null = null,
  ): Promise<TransitionResult> {
    if (!manager) return this.db.transaction((m) => this.transition(m, repairId, to, actor, note));
    return this.applyTransition(manager, await this.lock(manager, repairId), to, actor, note);
  }

  /** Locks the repair row (only that row) for the rest of `manager`'s transaction. */
  async lock(manager: EntityManager, repairId: string): Promise<LockedRepair> {
    const repair = await this.repairs.lock(manager, repairId);
    if (!repair) throw repairNotFound();
    return repair;
  }

  /**
   * Locks the repair if `viewer` may see it, else 404. On PostgreSQL a waiting lock re-checks the
   * predicate after the holder commits, so a request claimed meanwhile by another technician is
   * no longer found.
   */
  async lockVisible(manager: EntityManager, viewer: Viewer, repairId: string): Promise<LockedRepair> {
    const repair = await this.repairs.lockVisible(manager, viewer, repairId);
    if (!repair) throw repairNotFound();
    return repair;
  }

  /** Sets the technician of a locked repair (caller has checked who may). */
  async assignLocked(manager: EntityManager, repair: LockedRepair, technicianId: string, actorId: string): Promise<void> {
    await this.repairs.setAssignee(manager, repair.id, technicianId);
    this.events.publish(manager, 'repair.assigned', {
      repairId: repair.id,
      customerId: repair.customerId,
      technicianId,
      previousTechnicianId: repair.assignedTechnicianId,
      actorId,
    });
    repair.assignedTechnicianId = technicianId;
  }

  /** The move itself, on a repair already locked in `manager`'s transaction (`cancelled`: only through `RepairCancellationWorkflow`). */
  async applyTransition(manager: EntityManager, repair: LockedRepair, to: RepairStatus, actor: TransitionActor, note: string | null): Promise<TransitionResult> {
    const from = repair.status;
    this.assertTransition(from, to, actor.role);

    // The row is locked, so this cannot miss; the status condition guards callers that did not lock.
    if (!(await this.repairs.setStatus(manager, repair.id, from, to))) throw conflict('REPAIR.STATUS_CONFLICT', 'The repair changed meanwhile. Reload it and try again.');
    await this.recordHistory(manager, repair.id, from, to, actor, note);
    await enqueueWebhook(manager, 'repair.status_changed', () => this.webhookView(manager, repair.id));
    this.events.publish(manager, 'repair.status_changed', {
      repairId: repair.id,
      customerId: repair.customerId,
      assignedTechnicianId: repair.assignedTechnicianId,
      from,
      to,
      actorId: actor.id,
      actorRole: actor.role,
      note,
    });
    repair.status = to;
    return { repairId: repair.id, from, to };
  }

  /** Throws unless the status machine lets `role` move a `from` repair to `to`. */
  assertTransition(from: RepairStatus, to: RepairStatus, role: Actor): void {
    const refusal = transitionRefusal(from, to, role);
    if (refusal === 'invalid') throw conflict('REPAIR.INVALID_TRANSITION', `A ${from} repair cannot move to ${to}.`);
    if (refusal === 'forbidden') throw forbidden('REPAIR.TRANSITION_FORBIDDEN', `You cannot move a ${from} repair to ${to}.`);
  }

  private async recordHistory(
    manager: EntityManager,
    repairId: string,
    from: RepairStatus | null,
    to: RepairStatus,
    actor: TransitionActor,
    note: string | null,
  ): Promise<void> {
    await this.repairs.addHistory(manager, { repairRequestId: repairId, fromStatus: from, toStatus: to, actorId: actor.id, actorRole: actor.role, note });
  }
}
