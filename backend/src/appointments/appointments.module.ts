import { Module } from '@nestjs/common';
import { AppointmentReminders } from './appointment-reminders.js';
import { AppointmentSlots } from './appointment-slots.service.js';
import { AppointmentsController } from './appointments.controller.js';
import { DropOffs } from './drop-offs.service.js';

@Module({
  controllers: [AppointmentsController],
  providers: [AppointmentSlots, DropOffs, AppointmentReminders],
  exports: [AppointmentSlots, AppointmentReminders],
})
export class AppointmentsModule {}
