import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { RepairStatus } from '@repairhub/contracts';
import { queryRows, SqlParams } from '../common/sql.js';
import { RepairRequest } from './repair-request.entity.js';
import { RepairStatusHistory } from './repair-status-history.entity.js';
import { repairVisibility, type Viewer } from './repair-visibility.js';

/** Who a repair concerns and where it stands: what permission checks and events need. */
export type RepairParties = Pick<RepairRequest, 'id' | 'customerId' | 'deviceId' | 'status' | 'assignedTechnicianId'>;
const PARTY_FIELDS = ['id', 'customerId', 'deviceId', 'status', 'assignedTechnicianId'] as const satisfies (keyof RepairParties)[];

/** A repair as submitted, with what was left at the counter. */
export type NewRepair = Pick<RepairRequest, 'customerId' | 'deviceId' | 'issueDescription' | 'urgency' | 'trackingToken'> &
  Partial<Pick<RepairRequest, 'condition' | 'accessories' | 'depositNote'>>;

export type NewHistoryEntry = Pick<RepairStatusHistory, 'repairRequestId' | 'fromStatus' | 'toStatus' | 'actorId' | 'actorRole' | 'note'>;

/**
 * The owner of `repair_requests` and `repair_status_history`: the only writer of both. Methods taking
 * an `EntityManager` run in the caller's transaction. The detail page and lists are read models
 * (`repair.queries.ts`). Status changes go through `RepairsService`, which checks the state machine.
 */
@Injectable()
export class RepairsRepository {
  /** `r.customer_id AS "customerId", …` from the entity's metadata, for the reads that need raw SQL. */
  private readonly partyColumns: string;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    const meta = db.getMetadata(RepairRequest);
    this.partyColumns = PARTY_FIELDS.map((field) => `r.${meta.findColumnWithPropertyName(field)!.databaseName} AS "${field}"`).join(', ');
  }

  /** Inserts a `submitted` repair; returns its id. */
  async add(m: EntityManager, repair: NewRepair): Promise<string> {
    const result = await m
      .createQueryBuilder()
      .insert()
      .into(RepairRequest)
      .values({ condition: null, accessories: [], depositNote: null, ...repair })
      .returning('id')
      .execute();
    return (result.raw as { id: string }[])[0].id;
  }

  async addHistory(m: EntityManager, entry: NewHistoryEntry): Promise<void> {
    await m.createQueryBuilder().insert().into(RepairStatusHistory).values(entry).updateEntity(false).execute();
  }

  /** The repair, or null; no lock, no visibility check (the caller has one of its own). */
  findParties(id: string, m: EntityManager = this.db.manager): Promise<RepairParties | null> {
    return this.parties(m, id).getOne();
  }

  /** Locks the repair row (only that row) for the rest of `m`'s transaction; null when there is none. */
  lock(m: EntityManager, id: string): Promise<RepairParties | null> {
    return this.parties(m, id).setLock('pessimistic_write').getOne();
  }

  /** The repair if `viewer` may see it (DESIGN's visibility rule), else null. */
  async findVisible(viewer: Viewer, id: string, m: EntityManager = this.db.manager): Promise<RepairParties | null> {
    const p = new SqlParams();
    const [row] = await queryRows<RepairParties>(
      m,
      `SELECT ${this.partyColumns} FROM repair_requests r WHERE r.id = ${p.add(id)} AND ${repairVisibility(viewer, 'r', p)}`,
      p.values,
    );
    return row ?? null;
  }

  /**
   * Locks the repair if `viewer` may see it, else null. On PostgreSQL a waiting lock re-checks the
   * predicate after the holder commits, so a request claimed meanwhile by another technician is
   * no longer found.
   */
  async lockVisible(m: EntityManager, viewer: Viewer, id: string): Promise<RepairParties | null> {
    const p = new SqlParams();
    const [row] = await queryRows<RepairParties>(
      m,
      `SELECT ${this.partyColumns} FROM repair_requests r WHERE r.id = ${p.add(id)} AND ${repairVisibility(viewer, 'r', p)} FOR UPDATE`,
      p.values,
    );
    return row ?? null;
  }

  /** The ticket number's sequence and the tracking token, for the invitation a check-in sends. */
  findTicket(m: EntityManager, id: string): Promise<Pick<RepairRequest, 'ticketSeq' | 'trackingToken'> | null> {
    return m.createQueryBuilder(RepairRequest, 'r').select(['r.ticketSeq', 'r.trackingToken']).where('r.id = :id', { id }).getOne();
  }

  async setAssignee(m: EntityManager, id: string, technicianId: string): Promise<void> {
    await m.createQueryBuilder().update(RepairRequest).set({ assignedTechnicianId: technicianId, updatedAt: () => 'now()' }).where('id = :id', { id }).execute();
  }

  /** Moves the repair from `from` to `to`; false when it no longer is `from`. */
  async setStatus(m: EntityManager, id: string, from: RepairStatus, to: RepairStatus): Promise<boolean> {
    const result = await m
      .createQueryBuilder()
      .update(RepairRequest)
      .set({ status: to, updatedAt: () => 'now()' })
      .where('id = :id AND status = :from', { id, from })
      .execute();
    return !!result.affected;
  }

  /** Replaces the tracking token of a repair `viewer` may see; false when there is none. */
  async replaceTrackingToken(viewer: Viewer, id: string, token: string): Promise<boolean> {
    const p = new SqlParams();
    const updated = await queryRows(
      this.db,
      `UPDATE repair_requests r SET tracking_token = ${p.add(token)}, updated_at = now()
        WHERE r.id = ${p.add(id)} AND ${repairVisibility(viewer, 'r', p)} RETURNING r.id`,
      p.values,
    );
    return updated.length > 0;
  }

  private parties(m: EntityManager, id: string) {
    return m
      .createQueryBuilder(RepairRequest, 'r')
      .select(PARTY_FIELDS.map((field) => `r.${field}`))
      .where('r.id = :id', { id });
  }
}
