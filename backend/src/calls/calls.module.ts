import { Module } from '@nestjs/common';
import { ChatModule } from '../chat/chat.module.js';
import { CallsService } from './calls.service.js';

@Module({
  imports: [ChatModule],
  providers: [CallsService],
  exports: [CallsService],
})
export class CallsModule {}
