import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { FINAL_REPAIR_STATUSES, formatTicketNumber, type DropOffDayView, type DropOffView, type RepairStatus } from '@repairhub/contracts';
import { conflict, notFound } from '../common/errors/domain-error.js';
import { DomainEvents } from '../common/events/domain-events.js';
import { queryRows, SqlParams } from '../common/sql.js';
import { AppConfig } from '../config/configuration.js';
import { repairVisibility, type Viewer } from '../repairs/repair-visibility.js';
import { AppointmentSlots } from './appointment-slots.service.js';
import { dayBounds } from './slot-calendar.js';

interface DropOffRow {
  repair_id: string;
  ticket_seq: string;
  starts_at: Date;
  ends_at: Date;
  customer_name: string;
  brand: string;
  model: string;
  status: RepairStatus;
}

const repairNotFound = () => notFound('REPAIR.NOT_FOUND', 'Repair request');

/** The counter's day of drop-offs, and the owner moving or dropping their booking. */
@Injectable()
export class DropOffs implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly slots: AppointmentSlots,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    // A cancelled repair will not be dropped off: its seat goes back to other customers.
    this.events.inTransaction('repair.status_changed', async (m, e) => {
      if (e.to === 'cancelled') await this.slots.cancel(m, e.repairId);
    });
  }

  /**
   * That local day's standing bookings, earliest first. Technicians see those of repairs they may
   * open (the unassigned new requests and their own), admins all: every row links to a repair the
   * reader can see.
   */
  async day(viewer: Viewer, date: string | undefined): Promise<DropOffDayView> {
    const timeZone = this.config.appointments.timeZone;
    const local = date ?? this.slots.today();
    const { start, end } = dayBounds(local, timeZone);
    const p = new SqlParams();
    const rows = await queryRows<DropOffRow>(
      this.db,
      `SELECT r.id AS repair_id, r.ticket_seq, a.starts_at, a.ends_at, u.name AS customer_name, d.brand, d.model, r.status
         FROM appointments a JOIN repair_requests r ON r.id = a.repair_request_id
         JOIN users u ON u.id = r.customer_id JOIN devices d ON d.id = r.device_id
        WHERE a.cancelled_at IS NULL AND a.starts_at >= ${p.add(start)} AND a.starts_at < ${p.add(end)} AND ${repairVisibility(viewer, 'r', p)}
        ORDER BY a.starts_at, r.ticket_seq`,
      p.values,
    );
    const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
    return {
      date: local,
      timeZone,
      items: rows.map((r) => ({
        repairId: r.repair_id,
        ticketNumber: formatTicketNumber(r.ticket_seq),
        startsAt: new Date(r.starts_at).toISOString(),
        endsAt: new Date(r.ends_at).toISOString(),
        time: time.format(new Date(r.starts_at)),
        customerName: r.customer_name,
        deviceLabel: `${r.brand} ${r.model}`,
        status: r.status,
      })),
    };
  }

  /** The owner moves the drop-off of an open repair to another free slot (or books one). */
  async reschedule(owner: Viewer, repairId: string, dropOffAt: string): Promise<DropOffView> {
    return this.db.transaction(async (m) => {
      await this.lockOpenRepair(m, owner, repairId);
      await this.slots.cancel(m, repairId);
      return this.slots.book(m, repairId, dropOffAt);
    });
  }

  /** The owner will not come at the booked time: the seat is freed. */
  async cancel(owner: Viewer, repairId: string): Promise<void> {
    await this.db.transaction(async (m) => {
      await this.lockOpenRepair(m, owner, repairId);
      if (!(await this.slots.cancel(m, repairId))) throw notFound('APPOINTMENT.NOT_FOUND', 'Drop-off appointment');
    });
  }

  private async lockOpenRepair(m: EntityManager, owner: Viewer, repairId: string): Promise<void> {
    const [repair] = await queryRows<{ status: RepairStatus }>(m, `SELECT status FROM repair_requests WHERE id = $1 AND customer_id = $2 FOR UPDATE`, [
      repairId,
      owner.id,
    ]);
    if (!repair) throw repairNotFound();
    if (FINAL_REPAIR_STATUSES.includes(repair.status)) throw conflict('APPOINTMENT.REPAIR_CLOSED', `A ${repair.status} repair has no drop-off to change.`);
  }
}
