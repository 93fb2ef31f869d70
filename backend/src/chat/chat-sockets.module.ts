import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { CallsGateway } from '../calls/calls.gateway.js';
import { CallsModule } from '../calls/calls.module.js';
import type { AppRole } from '../config/app-role.js';
import { ChatRelay } from './adapters/chat-relay.js';
import { ChatGateway } from './chat.gateway.js';
import { ChatModule } from './chat.module.js';

/**
 * Where this process's chat pushes go: the `/chat` gateway on roles that serve it (`all`,
 * `realtime`), with the video-call signalling; on the others, the relay that reaches the realtime instances' sockets through Redis.
 */
@Module({})
export class ChatSocketsModule {
  static forRole(role: AppRole): DynamicModule {
    return { module: ChatSocketsModule, imports: [ChatModule, AuthModule, CallsModule], providers: role.chat ? [ChatGateway, CallsGateway] : [ChatRelay] };
  }
}
