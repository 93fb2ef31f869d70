import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type AppointmentDay, type AppointmentSlotsView, type DropOffView } from '@repairhub/contracts';
import { conflict, invalid } from '../common/errors/domain-error.js';
import { AppConfig } from '../config/configuration.js';
import { AppointmentsRepository } from './appointments.repository.js';
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
    private readonly appointments: AppointmentsRepository,
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
    const taken = slots.length ? await this.appointments.countStandingByStart(slots[0].startsAt, slots[slots.length - 1].startsAt) : new Map<number, number>();
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
      if (await this.appointments.takeSeat(manager, { repairRequestId: repairId, startsAt: slot.startsAt, endsAt: slot.endsAt, seat })) {
        return { startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString(), timeZone: this.config.appointments.timeZone };
      }
    }
    throw slotTaken();
  }

  /** Frees the repair's standing booking, if any, in `manager`'s transaction. */
  cancel(manager: EntityManager, repairId: string): Promise<boolean> {
    return this.appointments.cancelStanding(manager, repairId);
  }
}
