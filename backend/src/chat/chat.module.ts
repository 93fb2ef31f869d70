import { Module } from '@nestjs/common';
import { AttachmentsRepositoryModule } from '../attachments/attachments-repository.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { ChatBroadcaster } from './chat-broadcaster.js';
import { ChatController } from './chat.controller.js';
import { ChatEventsListener } from './chat-events.listener.js';
import { ChatService } from './chat.service.js';

@Module({
  imports: [AuthModule, AttachmentsRepositoryModule],
  controllers: [ChatController],
  providers: [ChatService, ChatBroadcaster, ChatEventsListener],
  exports: [ChatService, ChatBroadcaster],
})
export class ChatModule {}
