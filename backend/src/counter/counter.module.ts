import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { DevicesModule } from '../devices/devices.module.js';
import { RepairsModule } from '../repairs/repairs.module.js';
import { UsersModule } from '../users/users.module.js';
import { CheckInService } from './check-in.service.js';
import { CounterController } from './counter.controller.js';
import { CustomerLookupController } from './customer-lookup.controller.js';
import { CustomerLookupService } from './customer-lookup.service.js';

@Module({
  imports: [AuthModule, DevicesModule, RepairsModule, UsersModule],
  controllers: [CounterController, CustomerLookupController],
  providers: [CheckInService, CustomerLookupService],
  exports: [CheckInService],
})
export class CounterModule {}
