import { Module } from '@nestjs/common';
import { ChatModule } from '../chat/chat.module.js';
import { CallsRepository } from './calls.repository.js';
import { CallsService } from './calls.service.js';

@Module({
  imports: [ChatModule],
  providers: [CallsService, CallsRepository],
  exports: [CallsService],
})
export class CallsModule {}
