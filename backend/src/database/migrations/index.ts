import { Foundation1764160000000 } from './1764160000000-foundation.js';
import { RepairDomain1764170000000 } from './1764170000000-repair-domain.js';
import { QuoteRejectionReason1764170000001 } from './1764170000001-quote-rejection-reason.js';
import { Chat1764180000000 } from './1764180000000-chat.js';
import { Payments1764190000000 } from './1764190000000-payments.js';
import { DashboardIndexes1764200000000 } from './1764200000000-dashboard-indexes.js';
import { DashboardRefundIndex1764200000001 } from './1764200000001-dashboard-refund-index.js';
import { ScaleOut1764210000000 } from './1764210000000-scale-out.js';
import { Integrations1764220000000 } from './1764220000000-integrations.js';
import { EmailDelivery1764230003917 } from './1764230003917-email-delivery.js';
import { NormalizedEmails1764230004917 } from './1764230004917-normalized-emails.js';
import { PasswordReset1764240006183 } from './1764240006183-password-reset.js';
import { TicketNumbers1764250003571 } from './1764250003571-ticket-numbers.js';
import { CounterCheckIn1764260004211 } from './1764260004211-counter-check-in.js';
import { Attachments1764260005531 } from './1764260005531-attachments.js';
import { SystemMessageEvents1764265007129 } from './1764265007129-system-message-events.js';
import { Appointments1764280001000 } from './1764280001000-appointments.js';
import { Calls1764290001000 } from './1764290001000-calls.js';
import { TypeormMetadata1764290007413 } from './1764290007413-typeorm-metadata.js';
import { PhoneOnlyCustomers1764300001000 } from './1764300001000-phone-only-customers.js';
import { AttachmentThumbnailKeyIndex1764300002000 } from './1764300002000-attachment-thumbnail-key-index.js';
import { PhoneSearchIndex1764300003000 } from './1764300003000-phone-search-index.js';

/** Every migration, in order. TypeORM runs the pending ones at start. */
export const MIGRATIONS = [Foundation1764160000000, RepairDomain1764170000000, QuoteRejectionReason1764170000001, Chat1764180000000, Payments1764190000000, DashboardIndexes1764200000000, DashboardRefundIndex1764200000001, ScaleOut1764210000000, Integrations1764220000000, EmailDelivery1764230003917, NormalizedEmails1764230004917, PasswordReset1764240006183, TicketNumbers1764250003571, CounterCheckIn1764260004211, Attachments1764260005531, SystemMessageEvents1764265007129, Appointments1764280001000, Calls1764290001000, TypeormMetadata1764290007413, PhoneOnlyCustomers1764300001000, AttachmentThumbnailKeyIndex1764300002000, PhoneSearchIndex1764300003000];
