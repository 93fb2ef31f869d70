import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min, Validate, ValidatorConstraint, type ValidationArguments, type ValidatorConstraintInterface } from 'class-validator';
import {
  CLIENT_ID_PATTERN,
  DEFAULT_PAGE_LIMIT,
  MAX_PAGE_LIMIT,
  MESSAGE_MAX_ATTACHMENTS,
  MESSAGE_MAX_LENGTH,
  MESSAGE_TYPES,
  messageContentError,
  type ConversationView,
  type CreateConversationRequest,
  type MessageType,
  type MessageView,
  type Page,
  type SendMessageRequest,
  type SystemEvent,
} from '@repairhub/contracts';
import { AttachmentViewDto } from '../../attachments/dto/attachment.dto.js';
import { PageQueryDto } from '../../common/http/pagination.js';
import { SYSTEM_EVENT_SCHEMA } from './system-event.schema.js';

@ValidatorConstraint({ name: 'messageContent' })
class MessageContentRule implements ValidatorConstraintInterface {
  private error: string | null = null;
  validate(value: unknown, args: ValidationArguments): boolean {
    const attachmentIds = (args.object as SendMessageDto).attachmentIds;
    this.error = messageContentError(value, Array.isArray(attachmentIds) && attachmentIds.length > 0);
    return this.error === null;
  }
  defaultMessage(): string {
    return this.error ?? 'content is invalid';
  }
}

export class CreateConversationDto implements CreateConversationRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  repairRequestId: string;
}

export class SendMessageDto implements SendMessageRequest {
  @ApiProperty({
    description: `Text; 1–${MESSAGE_MAX_LENGTH} characters after trimming, stored as sent, shown as text (never HTML).`,
    maxLength: MESSAGE_MAX_LENGTH,
    example: 'Is the screen covered by the warranty?',
  })
  @Validate(MessageContentRule)
  content: string;

  @ApiPropertyOptional({ description: 'The sender’s own id for this message: a retry with the same id returns the stored message.', pattern: CLIENT_ID_PATTERN.source })
  @IsOptional() @IsString() @Matches(CLIENT_ID_PATTERN, { message: 'clientId must be 1–100 letters, digits or . _ : -' })
  clientId?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: MESSAGE_MAX_ATTACHMENTS, description: 'Attachments of this repair, uploaded by the sender and not yet sent; the text may then be empty.' })
  @IsOptional() @IsArray() @ArrayMaxSize(MESSAGE_MAX_ATTACHMENTS) @ArrayUnique() @IsUUID('all', { each: true })
  attachmentIds?: string[];
}

export class ListMessagesQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_LIMIT, default: DEFAULT_PAGE_LIMIT })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only messages older than this one (the previous page’s nextCursor).' })
  @IsOptional() @IsUUID('all')
  before?: string;
}

export class ListConversationsQueryDto extends PageQueryDto {}

export class MessageViewDto implements MessageView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) conversationId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null for system messages.' }) senderId: string | null;
  @ApiProperty({ enum: MESSAGE_TYPES }) type: MessageType;
  @ApiProperty({ description: 'The text as sent; on system messages, the note in English with times in UTC.' }) content: string;
  @ApiProperty({ ...SYSTEM_EVENT_SCHEMA, nullable: true, description: 'On system messages: what happened, as data, to write in the reader’s own locale.' })
  event: SystemEvent | null;
  @ApiProperty({ type: String, nullable: true }) clientId: string | null;
  @ApiProperty({ type: [AttachmentViewDto] }) attachments: AttachmentViewDto[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ConversationViewDto implements ConversationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) repairRequestId: string;
  @ApiProperty({ type: MessageViewDto, nullable: true }) lastMessage: MessageViewDto | null;
  @ApiProperty({ description: 'Messages from others after my last read one.' }) unreadCount: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ConversationPageDto implements Page<ConversationView> {
  @ApiProperty({ type: [ConversationViewDto] }) items: ConversationViewDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class MessagePageDto implements Page<MessageView> {
  @ApiProperty({ type: [MessageViewDto] }) items: MessageViewDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `before` for older messages.' }) nextCursor: string | null;
}
