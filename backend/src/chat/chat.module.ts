import { Module } from '@nestjs/common';
import { AttachmentsRepositoryModule } from '../attachments/attachments-repository.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { ChatBroadcaster } from './chat-broadcaster.js';
import { ChatController } from './chat.controller.js';
import { ChatEventsListener } from './chat-events.listener.js';
import { ChatRepository } from './chat.repository.js';
import { ChatService } from './chat.service.js';
import { ConversationsQueries } from './conversations.queries.js';

@Module({
  imports: [AuthModule, AttachmentsRepositoryModule],
  controllers: [ChatController],
  providers: [ChatService, ChatRepository, ConversationsQueries, ChatBroadcaster, ChatEventsListener],
  exports: [ChatService, ChatRepository, ChatBroadcaster],
})
export class ChatModule {}
