import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type AppointmentDay, type AppointmentSlotsView, type DropOffView } from '@repairhub/contracts';
import { conflict, invalid } from '../common/errors/domain-error.js';
import { queryRows } from '../common/sql.js';
import { AppConfig } from '../config/configuration.js';
import { bookingWindow, isRefusal, slotStartingAt, upcomingSlots, type SlotRules } from './slot-calendar.js';

export const slotTaken = () => conflict('APPOINTMENT.SLOT_TAKEN', 'That drop-off slot has just been taken; pick another one.');

/**
 * The shop's drop-off slots and the bookings that fill them. A booking takes the first seat of its
 * slot that no standing booking holds; the partial unique index on (starts_at, seat) decides
 * between concurrent bookings, so a slot never holds more than `SHOP_SLOT_CAPACITY`.
 */
@Injectable()
export class AppointmentSlots {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  get rules(): SlotRules {
    return { ...this.config.appointments, openingHours: this.config.shop.openingHours };
  }

  /** Today in the shop's time zone. */
  today(now = new Date()): string {
    return bookingWindow(this.rules, now).first;
  }

  async list(from: string | undefined, days: number | undefined, now = new Date()): Promise<AppointmentSlotsView> {
    const { timeZone, slotMinutes, bookingDays, capacity } = this.config.appointments;
    const slots = upcomingSlots(this.rules, now, from ?? this.today(now), days ?? bookingDays);
    const taken = new Map<number, number>();
    if (slots.length) {
      const rows = await queryRows<{ starts_at: Date; n: number }>(
        this.db,
        `SELECT starts_at, count(*)::int AS n FROM appointments WHERE cancelled_at IS NULL AND starts_at >= $1 AND starts_at <= $2 GROUP BY starts_at`,
        [slots[0].startsAt, slots[slots.length - 1].startsAt],
      );
      for (const row of rows) taken.set(new Date(row.starts_at).getTime(), row.n);
    }
    const byDate = new Map<string, AppointmentDay>();
    for (const slot of slots) {
      const day = byDate.get(slot.date) ?? { date: slot.date, slots: [] };
      byDate.set(slot.date, day);
      day.slots.push({
        startsAt: slot.startsAt.toISOString(),
        endsAt: slot.endsAt.toISOString(),
        date: slot.date,
        time: slot.time,
        free: (taken.get(slot.startsAt.getTime()) ?? 0) < capacity,
      });
    }
    return { timeZone, slotMinutes, bookingDays, days: [...byDate.values()] };
  }

  /**
   * Books the slot starting at `dropOffAt` for a repair, in `manager`'s transaction (the repair's
   * own): a refused or full slot throws, which rolls the repair back with it.
   */
  async book(manager: EntityManager, repairId: string, dropOffAt: string, now = new Date()): Promise<DropOffView> {
    const slot = slotStartingAt(this.rules, now, new Date(dropOffAt));
    if (isRefusal(slot)) throw invalid(slot.code, slot.message, 'dropOffAt');
    for (let seat = 1; seat <= this.config.appointments.capacity; seat++) {
      const [row] = await queryRows(
        manager,
        `INSERT INTO appointments (repair_request_id, starts_at, ends_at, seat) VALUES ($1, $2, $3, $4)
         ON CONFLICT (starts_at, seat) WHERE cancelled_at IS NULL DO NOTHING RETURNING id`,
        [repairId, slot.startsAt, slot.endsAt, seat],
      );
      if (row) return { startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString(), timeZone: this.config.appointments.timeZone };
    }
    throw slotTaken();
  }

  /** Frees the repair's standing booking, if any, in `manager`'s transaction. */
  async cancel(manager: EntityManager, repairId: string): Promise<boolean> {
    const rows = await queryRows(manager, `UPDATE appointments SET cancelled_at = now() WHERE repair_request_id = $1 AND cancelled_at IS NULL RETURNING id`, [repairId]);
    return rows.length > 0;
  }
}
