import { Module } from '@nestjs/common';
import { AppointmentsModule } from '../appointments/appointments.module.js';
import { DevicesModule } from '../devices/devices.module.js';
import { QuotesRepositoryModule } from '../quotes/quotes-repository.module.js';
import { UsersModule } from '../users/users.module.js';
import { PublicTrackingController } from './public-tracking.controller.js';
import { PublicTrackingService } from './public-tracking.service.js';
import { RepairCancellationWorkflow } from './repair-cancellation.workflow.js';
import { RepairsController } from './repairs.controller.js';
import { RepairsRepositoryModule } from './repairs-repository.module.js';
import { RepairsService } from './repairs.service.js';

@Module({
  imports: [DevicesModule, AppointmentsModule, QuotesRepositoryModule, RepairsRepositoryModule, UsersModule],
  controllers: [RepairsController, PublicTrackingController],
  providers: [RepairsService, PublicTrackingService, RepairCancellationWorkflow],
  exports: [RepairsService, RepairsRepositoryModule, RepairCancellationWorkflow],
})
export class RepairsModule {}
