import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DomainEvents } from '../common/events/domain-events.js';
import { AppConfig } from '../config/configuration.js';
import { Jobs } from '../infra/jobs/jobs.service.js';
import { claimDueReminders } from './due-reminders.query.js';
import { addDays, dayBounds, localDateOf } from './slot-calendar.js';

export const APPOINTMENT_REMINDER_INTERVAL_MS = 15 * 60_000;

/**
 * The day before a drop-off (the shop's local calendar day), the customer gets a reminder. The job
 * marks each booking in one conditional update, so overlapping runs (several worker instances, a
 * retry) remind each booking once; the email's outbox key is per booking as well.
 */
@Injectable()
export class AppointmentReminders implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly jobs: Jobs,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: 'appointments.remind', attempts: 3, handle: async () => void (await this.remindTomorrow()) });
    this.jobs.every('appointments.remind', APPOINTMENT_REMINDER_INTERVAL_MS);
  }

  /** Reminds the customers of tomorrow's standing drop-offs not yet reminded; returns how many. */
  async remindTomorrow(now = new Date()): Promise<number> {
    const timeZone = this.config.appointments.timeZone;
    const { start, end } = dayBounds(addDays(localDateOf(now, timeZone), 1), timeZone);
    return this.db.transaction(async (m) => {
      const due = await claimDueReminders(m, start, end);
      for (const { appointmentId, repairId, customerId, startsAt } of due) {
        this.events.publish(m, 'appointment.reminder_due', { appointmentId, repairId, customerId, startsAt: startsAt.toISOString() });
      }
      return due.length;
    });
  }
}
