import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { DevicesModule } from '../devices/devices.module.js';
import { RepairsModule } from '../repairs/repairs.module.js';
import { CheckInService } from './check-in.service.js';
import { CounterController } from './counter.controller.js';

@Module({
  imports: [AuthModule, DevicesModule, RepairsModule],
  controllers: [CounterController],
  providers: [CheckInService],
})
export class CounterModule {}
