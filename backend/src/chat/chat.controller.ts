import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DEFAULT_PAGE_LIMIT } from '@repairhub/contracts';
import type { AuthUser } from '../common/auth-user.js';
import { CurrentUser } from '../common/decorators/auth.decorators.js';
import { ApiRoute } from '../common/http/api-route.decorator.js';
import { ChatService } from './chat.service.js';
import {
  ConversationPageDto,
  ConversationViewDto,
  CreateConversationDto,
  ListConversationsQueryDto,
  ListMessagesQueryDto,
  MessagePageDto,
  MessageViewDto,
  SendMessageDto,
} from './dto/chat.dto.js';

const uuid = new ParseUUIDPipe();

@ApiTags('conversations')
@Controller('conversations')
export class ChatController {
  constructor(private readonly chat: ChatService) {}

  @Get()
  @ApiRoute({
    summary: 'List my conversations',
    description:
      'Most recent activity first, each with its newest message and my unread count. Customers: their requests’; technicians: requests assigned to them; admins: all.',
    auth: 'any',
    ok: ConversationPageDto,
  })
  list(@CurrentUser() user: AuthUser, @Query() query: ListConversationsQueryDto) {
    return this.chat.list(user, { limit: query.limit ?? DEFAULT_PAGE_LIMIT, cursor: query.cursor });
  }

  @Post()
  @ApiRoute({
    summary: 'Open the conversation of a repair request',
    description: 'Created on the first call; every later call returns the same conversation. For the request’s customer, its assigned technician and admins.',
    auth: 'any',
    ok: ConversationViewDto,
    errors: [404],
  })
  async open(@CurrentUser() user: AuthUser, @Body() body: CreateConversationDto) {
    return (await this.chat.open(user, body.repairRequestId)).conversation;
  }

  @Get(':id/messages')
  @ApiRoute({ summary: 'Read messages, newest first', description: 'Page with `before` (a message id) and `limit`.', auth: 'any', ok: MessagePageDto, errors: [404] })
  messages(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Query() query: ListMessagesQueryDto) {
    return this.chat.messages(user, id, { before: query.before, limit: query.limit ?? DEFAULT_PAGE_LIMIT });
  }

  @Post(':id/messages')
  @ApiRoute({
    summary: 'Send a message (REST fallback of the socket event)',
    description: 'Stored, then broadcast to connected participants. The same clientId again returns the stored message instead of a second copy.',
    auth: 'any',
    created: MessageViewDto,
    errors: [404, 409],
  })
  async send(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() body: SendMessageDto) {
    return (await this.chat.send(user, id, body)).message;
  }
}
