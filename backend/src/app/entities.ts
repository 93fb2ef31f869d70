import { Attachment } from '../attachments/attachment.entity.js';
import { RefreshToken } from '../auth/refresh-token.entity.js';
import { Call } from '../calls/call.entity.js';
import { ConversationParticipant } from '../chat/conversation-participant.entity.js';
import { Conversation } from '../chat/conversation.entity.js';
import { Message } from '../chat/message.entity.js';
import { Device } from '../devices/device.entity.js';
import { SerialAccessLog } from '../devices/serial-access-log.entity.js';
import { Payment } from '../payments/payment.entity.js';
import { Refund } from '../payments/refund.entity.js';
import { WebhookEvent } from '../payments/webhook-event.entity.js';
import { Quote } from '../quotes/quote.entity.js';
import { RepairRequest } from '../repairs/repair-request.entity.js';
import { RepairStatusHistory } from '../repairs/repair-status-history.entity.js';
import { User } from '../users/user.entity.js';

/** Every entity, for the app and the migration CLI (the composition layer lists them; database/ knows none). */
export const ENTITIES = [User, RefreshToken, Device, SerialAccessLog, RepairRequest, RepairStatusHistory, Quote, Payment, Refund, WebhookEvent, Conversation, Message, ConversationParticipant, Attachment, Call];
