import { Module } from '@nestjs/common';
import { AppointmentsModule } from '../appointments/appointments.module.js';
import { ChatModule } from '../chat/chat.module.js';
import { CounterModule } from '../counter/counter.module.js';
import { DevicesModule } from '../devices/devices.module.js';
import { PaymentsModule } from '../payments/payments.module.js';
import { QuotesModule } from '../quotes/quotes.module.js';
import { RepairsModule } from '../repairs/repairs.module.js';
import { UsersModule } from '../users/users.module.js';
import { DemoData } from './demo-data.js';

@Module({
  imports: [AppointmentsModule, UsersModule, DevicesModule, RepairsModule, QuotesModule, PaymentsModule, ChatModule, CounterModule],
  providers: [DemoData],
})
export class DemoModule {}
