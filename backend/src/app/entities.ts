import { Appointment } from '../appointments/appointment.entity.js';
import { Attachment } from '../attachments/attachment.entity.js';
import { PasswordResetToken } from '../auth/password-reset-token.entity.js';
import { RefreshToken } from '../auth/refresh-token.entity.js';
import { Call } from '../calls/call.entity.js';
import { ConversationParticipant } from '../chat/conversation-participant.entity.js';
import { Conversation } from '../chat/conversation.entity.js';
import { Message } from '../chat/message.entity.js';
import { Device } from '../devices/device.entity.js';
import { SerialAccessLog } from '../devices/serial-access-log.entity.js';
import { ApiKey } from '../integrations/api-key.entity.js';
import { WebhookDeliveryAttempt } from '../integrations/webhook-delivery-attempt.entity.js';
import { WebhookDelivery } from '../integrations/webhook-delivery.entity.js';
import { WebhookEndpoint } from '../integrations/webhook-endpoint.entity.js';
import { WebhookOutboxEvent } from '../integrations/webhook-outbox-event.entity.js';
import { EmailOutboxEntry } from '../notifications/email-outbox.entity.js';
import { Payment } from '../payments/payment.entity.js';
import { Refund } from '../payments/refund.entity.js';
import { WebhookEvent } from '../payments/webhook-event.entity.js';
import { Quote } from '../quotes/quote.entity.js';
import { RepairRequest } from '../repairs/repair-request.entity.js';
import { RepairStatusHistory } from '../repairs/repair-status-history.entity.js';
import { User } from '../users/user.entity.js';

/**
 * Every entity, for the app and the migration CLI (the composition layer lists them; database/ knows
 * none). The entities are the schema: a test migrates an
 * empty PostgreSQL database and fails if TypeORM finds any difference from them (`schema-drift.e2e-spec.ts`).
 */
export const ENTITIES = [
  User,
  RefreshToken,
  PasswordResetToken,
  Device,
  SerialAccessLog,
  RepairRequest,
  RepairStatusHistory,
  Quote,
  Payment,
  Refund,
  WebhookEvent,
  Conversation,
  Message,
  ConversationParticipant,
  Attachment,
  EmailOutboxEntry,
  ApiKey,
  WebhookEndpoint,
  WebhookOutboxEvent,
  WebhookDelivery,
  WebhookDeliveryAttempt,
  Appointment,
  Call,
];
