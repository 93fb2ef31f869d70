import { Module } from '@nestjs/common';
import { AppointmentReminders } from './appointment-reminders.js';
import { AppointmentSlots } from './appointment-slots.service.js';
import { AppointmentsRepository } from './appointments.repository.js';

/** Slots, bookings and reminders; the repairs feature books through it when a repair is filed. */
@Module({
  providers: [AppointmentSlots, AppointmentReminders, AppointmentsRepository],
  exports: [AppointmentSlots, AppointmentReminders, AppointmentsRepository],
})
export class AppointmentsModule {}
