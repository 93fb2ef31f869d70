import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { FINAL_REPAIR_STATUSES, formatTicketNumber, type DropOffDayView, type DropOffView } from '@repairhub/contracts';
import { conflict, notFound } from '../common/errors/domain-error.js';
import { DomainEvents } from '../common/events/domain-events.js';
import { AppConfig } from '../config/configuration.js';
import type { Viewer } from '../repairs/repair-visibility.js';
import { RepairsService } from '../repairs/repairs.service.js';
import { AppointmentSlots } from './appointment-slots.service.js';
import { dropOffsBetween } from './drop-offs.queries.js';
import { dayBounds } from './slot-calendar.js';

/** The counter's day of drop-offs, and the owner moving or dropping their booking. */
@Injectable()
export class DropOffs implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly slots: AppointmentSlots,
    private readonly events: DomainEvents,
    private readonly repairs: RepairsService,
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
    const rows = await dropOffsBetween(this.db, viewer, start, end);
    const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
    return {
      date: local,
      timeZone,
      items: rows.map((r) => ({
        repairId: r.repairId,
        ticketNumber: formatTicketNumber(r.ticketSeq),
        startsAt: new Date(r.startsAt).toISOString(),
        endsAt: new Date(r.endsAt).toISOString(),
        time: time.format(new Date(r.startsAt)),
        customerName: r.customerName,
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

  /** Locks the owner's repair (404 for anyone else's) and refuses a closed one. */
  private async lockOpenRepair(m: EntityManager, owner: Viewer, repairId: string): Promise<void> {
    const repair = await this.repairs.lockVisible(m, owner, repairId);
    if (FINAL_REPAIR_STATUSES.includes(repair.status)) throw conflict('APPOINTMENT.REPAIR_CLOSED', `A ${repair.status} repair has no drop-off to change.`);
  }
}
