import { Module } from '@nestjs/common';
import { RepairsModule } from '../repairs/repairs.module.js';
import { AppointmentsController } from './appointments.controller.js';
import { AppointmentsModule } from './appointments.module.js';
import { DropOffs } from './drop-offs.service.js';

/**
 * The appointment routes and the drop-offs of repairs. Apart from `AppointmentsModule` because they
 * lock repairs through `RepairsService`, while repairs book through `AppointmentsModule`.
 */
@Module({
  imports: [AppointmentsModule, RepairsModule],
  controllers: [AppointmentsController],
  providers: [DropOffs],
})
export class DropOffsModule {}
