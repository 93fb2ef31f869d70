/**
 * Every `code` a problem body or a Socket.IO ack can carry, with the HTTP status it is answered with
 * and what it means. The backend's error helpers accept only these codes (and only for their status),
 * the apps compare against them, and the OpenAPI document lists them. `status: null` means the code
 * is a fallback whose status is the one the answer carries.
 */
export const ERROR_CODES = {
  // Requests the framework or the validation pipe refuses, whatever the route.
  'REQUEST.INVALID': { status: 400, meaning: 'The request failed validation; `errors` names the fields.' },
  'REQUEST.INVALID_JSON': { status: 400, meaning: 'The body is not valid JSON, or is empty while declared as JSON.' },
  'REQUEST.INVALID_CURSOR': { status: 400, meaning: 'The pagination cursor is not one this list handed out.' },
  'REQUEST.INVALID_REPAIR_REFERENCE': { status: 400, meaning: 'A repair is named neither by its id nor by a ticket number such as R-1042.' },
  'REQUEST.TOO_DEEP': { status: 400, meaning: 'The JSON body nests deeper than the server accepts.' },
  'REQUEST.TOO_MANY_FIELDS': { status: 400, meaning: 'The JSON body has more fields than the server accepts.' },
  'REQUEST.CONFLICT': { status: 409, meaning: 'The request conflicts with the current state (framework fallback).' },
  'REQUEST.TOO_LARGE': { status: 413, meaning: 'The request body is larger than the route accepts.' },
  'REQUEST.UNSUPPORTED_MEDIA_TYPE': { status: 415, meaning: 'The body is not sent as application/json.' },
  'REQUEST.ERROR': { status: null, meaning: 'Another client error the framework refused; the status tells which.' },
  'ROUTE.NOT_FOUND': { status: 404, meaning: 'No such route (or not served by this instance’s role).' },
  'ROUTE.METHOD_NOT_ALLOWED': { status: 405, meaning: 'The route exists but not with this method.' },
  RATE_LIMITED: { status: 429, meaning: 'Too many requests; wait for `Retry-After` seconds.' },
  INTERNAL: { status: 500, meaning: 'An unexpected error; quote the requestId when reporting it.' },
  UNAVAILABLE: { status: 503, meaning: 'The service cannot answer now (framework fallback); retry later.' },
  'SERVICE.BUSY': { status: 503, meaning: 'The database pool is saturated; retry after `Retry-After` seconds.' },
  'SERVICE.UNAVAILABLE': { status: 503, meaning: 'A server we depend on is unreachable or restarting; retry after `Retry-After` seconds.' },

  'AUTH.UNAUTHENTICATED': { status: 401, meaning: 'Authentication is required (framework fallback).' },
  'AUTH.MISSING_TOKEN': { status: 401, meaning: 'The chat handshake carried no access token.' },
  'AUTH.INVALID_TOKEN': { status: 401, meaning: 'The access token is missing, invalid, expired or its session ended.' },
  'AUTH.INVALID_API_KEY': { status: 401, meaning: 'The API key is invalid, expired or revoked.' },
  'AUTH.INVALID_CREDENTIALS': { status: 401, meaning: 'Email or password is incorrect.' },
  'AUTH.REFRESH_MISSING': { status: 401, meaning: 'No refresh token was sent (cookie or body).' },
  'AUTH.REFRESH_INVALID': { status: 401, meaning: 'The refresh token is invalid, expired, reused or its session ended.' },
  'AUTH.FORBIDDEN': { status: 403, meaning: 'Not allowed (framework fallback).' },
  'AUTH.FORBIDDEN_ROLE': { status: 403, meaning: 'The signed-in role may not use this operation.' },
  'AUTH.API_KEY_NOT_ALLOWED': { status: 403, meaning: 'API keys cannot use this operation; sign in instead.' },
  'AUTH.SCOPE_MISSING': { status: 403, meaning: 'The API key lacks a scope the operation requires.' },
  'AUTH.CROSS_SITE': { status: 403, meaning: 'A cookie-authenticated request came from another site.' },
  'AUTH.WEAK_PASSWORD': { status: 400, meaning: 'The new password is too short, too long or too easy to guess.' },
  'AUTH.WRONG_PASSWORD': { status: 400, meaning: 'The current password given to change it is incorrect.' },
  'AUTH.PASSWORD_UNCHANGED': { status: 400, meaning: 'The new password equals the current one.' },
  'AUTH.RESET_TOKEN_INVALID': { status: 400, meaning: 'The password-reset or invitation link is spent, expired or unknown.' },
  'AUTH.PASSWORD_CHANGED_MEANWHILE': { status: 409, meaning: 'The password was changed elsewhere during this request; sign in again.' },
  'AUTH.SESSIONS_UNAVAILABLE': { status: 503, meaning: 'Sessions cannot be checked right now; retry shortly.' },

  'USER.NOT_FOUND': { status: 404, meaning: 'No such user.' },
  'USER.EMAIL_TAKEN': { status: 409, meaning: 'An account with this email already exists.' },
  'USER.SELF_LOCKOUT': { status: 409, meaning: 'Admins cannot deactivate themselves or drop their own admin role.' },
  'USER.STAFF_EMAIL_REQUIRED': { status: 409, meaning: 'Staff sign in by email: an account without one cannot become staff.' },

  'DEVICE.NOT_FOUND': { status: 404, meaning: 'No such device visible to the caller.' },
  'DEVICE.OWNER_FILTER_FORBIDDEN': { status: 403, meaning: 'Only admins can list another user’s devices.' },
  'DEVICE.IN_USE': { status: 409, meaning: 'The device has repair requests and cannot be deleted.' },

  'REPAIR.NOT_FOUND': { status: 404, meaning: 'No such repair request visible to the caller.' },
  'REPAIR.TECHNICIAN_REQUIRED': { status: 400, meaning: 'Assigning needs a technicianId.' },
  'REPAIR.INVALID_TECHNICIAN': { status: 400, meaning: 'technicianId is not an active technician.' },
  'REPAIR.ASSIGN_OTHERS_FORBIDDEN': { status: 403, meaning: 'Technicians can assign requests only to themselves.' },
  'REPAIR.NOT_ASSIGNED': { status: 403, meaning: 'Only the assigned technician can change this repair’s status.' },
  'REPAIR.SEARCH_STAFF_ONLY': { status: 403, meaning: 'Only staff can search repairs.' },
  'REPAIR.TRANSITION_FORBIDDEN': { status: 403, meaning: 'The caller’s role may not make this status change.' },
  'REPAIR.INVALID_TRANSITION': { status: 409, meaning: 'The repair’s status machine does not allow this change.' },
  'REPAIR.STATUS_CONFLICT': { status: 409, meaning: 'The repair changed meanwhile; reload and retry.' },
  'REPAIR.CLOSED': { status: 409, meaning: 'A closed repair cannot be reassigned.' },
  'REPAIR.NOT_QUOTABLE': { status: 409, meaning: 'The repair’s status does not allow a quote.' },
  'REPAIR.PAYMENT_IN_PROGRESS': { status: 409, meaning: 'A payment for the repair is under way; it cannot be cancelled now.' },
  'TRACKING.NOT_FOUND': { status: 404, meaning: 'The tracking link is unknown or revoked.' },

  'QUOTE.NOT_FOUND': { status: 404, meaning: 'No such quote visible to the caller.' },
  'QUOTE.TOTAL_ZERO': { status: 400, meaning: 'A quote must total more than zero.' },
  'QUOTE.TOTAL_TOO_LARGE': { status: 400, meaning: 'Parts and labor together exceed the largest amount a quote can hold.' },
  'QUOTE.CURRENCY_NOT_ACCEPTED': { status: 400, meaning: 'The shop does not take this currency.' },
  'QUOTE.EXPIRY_IN_PAST': { status: 400, meaning: 'expiresAt must be in the future.' },
  'QUOTE.EXPIRY_TOO_FAR': { status: 400, meaning: 'expiresAt is further ahead than a quote may live.' },
  'QUOTE.TRANSITION_FORBIDDEN': { status: 403, meaning: 'The caller may not move the quote to this status.' },
  'QUOTE.CONFLICT': { status: 409, meaning: 'Another quote was issued at the same time; reload and retry.' },
  'QUOTE.STATUS_CONFLICT': { status: 409, meaning: 'The quote changed meanwhile; reload and retry.' },
  'QUOTE.EXPIRED': { status: 409, meaning: 'The quote has expired; ask for a new one.' },
  'QUOTE.REJECTED': { status: 409, meaning: 'The quote was rejected.' },
  'QUOTE.WITHDRAWN': { status: 409, meaning: 'The quote was replaced or withdrawn.' },
  'QUOTE.ALREADY_ACCEPTED': { status: 409, meaning: 'The quote is already accepted and paid.' },
  'QUOTE.PAYMENT_IN_PROGRESS': { status: 409, meaning: 'A payment for the quote is under way.' },

  'PAYMENT.NOT_FOUND': { status: 404, meaning: 'No such payment visible to the caller.' },
  'PAYMENT.TEST_MODE_DISABLED': { status: 403, meaning: 'Test payments exist only in test mode (no Stripe key, not production).' },
  'PAYMENT.CONFLICT': { status: 409, meaning: 'The quote is being paid already; reload and retry.' },
  'PAYMENT.STATE_CONFLICT': { status: 409, meaning: 'The payment is being settled; reload and retry.' },
  'PAYMENT.NOT_OPEN': { status: 409, meaning: 'The payment is no longer open.' },
  'PAYMENT.NOT_REFUNDABLE': { status: 409, meaning: 'Only a succeeded payment can be refunded.' },
  'PAYMENT.REFUND_EXCEEDS': { status: 409, meaning: 'The refund is larger than what remains of the payment.' },
  'PAYMENT.INVALID_AMOUNT': { status: 409, meaning: 'The amount is not a positive whole number of minor units.' },
  'PAYMENT.AMOUNT_NOT_CHARGEABLE': { status: 409, meaning: 'The provider cannot charge this amount in this currency.' },
  'PAYMENT.NOT_TEST_MODE': { status: 409, meaning: 'A test-mode payment cannot be used while a real Stripe key is configured.' },
  'PAYMENT.PROVIDER_NOT_CONFIGURED': { status: 409, meaning: 'The payment was opened with a provider that is not configured now.' },
  'PAYMENT.PROVIDER_REJECTED': { status: 409, meaning: 'The payment provider refused the operation.' },
  'PAYMENT.PREVIOUS_ATTEMPT_PAID': { status: 409, meaning: 'An earlier payment attempt for the quote went through; support reconciles it.' },
  'PAYMENT.PROVIDER_UNAVAILABLE': { status: 503, meaning: 'The payment provider cannot be reached; retry shortly.' },

  'WEBHOOK.SIGNATURE_MISSING': { status: 400, meaning: 'An incoming webhook has no signature or no raw body.' },
  'WEBHOOK.SIGNATURE_INVALID': { status: 400, meaning: 'An incoming webhook’s signature does not match its body.' },
  'WEBHOOK.UNSAFE_URL': { status: 400, meaning: 'The webhook URL is not a public HTTPS address.' },
  'WEBHOOK.NOT_FOUND': { status: 404, meaning: 'No such webhook endpoint.' },
  'WEBHOOK.DELIVERY_NOT_FOUND': { status: 404, meaning: 'No such webhook delivery.' },
  'API_KEY.EXPIRY_PAST': { status: 400, meaning: 'An API key’s expiry must be in the future.' },
  'API_KEY.NOT_FOUND': { status: 404, meaning: 'No such API key.' },
  'JOB.NOT_FOUND': { status: 404, meaning: 'No such failed job.' },

  'CONVERSATION.NOT_FOUND': { status: 404, meaning: 'No such conversation visible to the caller.' },
  'CHAT.NOT_JOINED': { status: 400, meaning: 'Join the conversation on the socket before using it.' },
  'CHAT.MESSAGE_NOT_FOUND': { status: 400, meaning: 'The referenced message is not in this conversation.' },
  'MESSAGE.ATTACHMENT_INVALID': { status: 400, meaning: 'An attachment is not the sender’s upload to this repair, or was already sent.' },
  'MESSAGE.CLIENT_ID_REUSED': { status: 409, meaning: 'The clientId was already used for a message in another conversation.' },

  'CALL.NOT_FOUND': { status: 404, meaning: 'No such video call visible to the caller.' },
  'CALL.NOT_ALLOWED': { status: 403, meaning: 'Only the customer and the assigned technician can call each other.' },
  'CALL.NOT_CALLEE': { status: 403, meaning: 'Only the person being called can answer or decline.' },
  'CALL.NO_TECHNICIAN': { status: 409, meaning: 'No technician is assigned to the repair yet, so there is no one to call.' },
  'CALL.IN_PROGRESS': { status: 409, meaning: 'A call is already ringing or under way in this conversation.' },
  'CALL.NOT_RINGING': { status: 409, meaning: 'The call is no longer ringing.' },
  'CALL.OVER': { status: 409, meaning: 'The call has already ended.' },
  'CALL.NOT_IN_CALL': { status: 409, meaning: 'This socket connection is not in that call.' },

  'ATTACHMENT.FILE_MISSING': { status: 400, meaning: 'No file was sent in the expected multipart field.' },
  'ATTACHMENT.BAD_MULTIPART': { status: 400, meaning: 'The upload is not one file in a well-formed multipart body.' },
  'ATTACHMENT.EMPTY': { status: 400, meaning: 'The file is empty.' },
  'ATTACHMENT.UNREADABLE': { status: 400, meaning: 'The image could not be decoded.' },
  'ATTACHMENT.UPLOAD_FORBIDDEN': { status: 403, meaning: 'The caller may not attach files to this repair.' },
  'ATTACHMENT.NOT_FOUND': { status: 404, meaning: 'No such attachment visible to the caller.' },
  'ATTACHMENT.NO_THUMBNAIL': { status: 404, meaning: 'The attachment has no thumbnail (not an image).' },
  'ATTACHMENT.LIMIT_REACHED': { status: 409, meaning: 'The repair has as many attachments as it may have.' },
  'ATTACHMENT.TOO_LARGE': { status: 413, meaning: 'The file is larger than the upload limit.' },
  'ATTACHMENT.TYPE_NOT_ALLOWED': { status: 415, meaning: 'Only photos (JPEG, PNG, WebP, HEIC) and PDF documents can be attached.' },

  'APPOINTMENT.IN_PAST': { status: 400, meaning: 'The drop-off time has already passed.' },
  'APPOINTMENT.TOO_FAR_AHEAD': { status: 400, meaning: 'The drop-off is further ahead than bookings may be.' },
  'APPOINTMENT.NOT_A_SLOT': { status: 400, meaning: 'The drop-off time is not the start of a slot in opening hours.' },
  'APPOINTMENT.NOT_FOUND': { status: 404, meaning: 'No such drop-off appointment.' },
  'APPOINTMENT.SLOT_TAKEN': { status: 409, meaning: 'The drop-off slot was just taken; pick another.' },
  'APPOINTMENT.REPAIR_CLOSED': { status: 409, meaning: 'A closed repair has no drop-off to change.' },

  'CHECKIN.CONTACT_REQUIRED': { status: 400, meaning: 'A walk-in check-in needs the customer’s email or phone.' },
  'CHECKIN.PHONE_INVALID': { status: 400, meaning: 'The phone number is not 6 to 15 digits, optionally after +.' },
  'CHECKIN.DEVICE_REQUIRED': { status: 400, meaning: 'Describe a device or pick one of the customer’s.' },
  'CHECKIN.DEVICE_AMBIGUOUS': { status: 400, meaning: 'Give either a new device or a deviceId, not both.' },
  'CHECKIN.CONTACT_MISMATCH': { status: 409, meaning: 'The email and the phone number belong to two different customers.' },
  'CHECKIN.NOT_A_CUSTOMER': { status: 409, meaning: 'The email or phone number belongs to a staff account.' },
  'CHECKIN.CUSTOMER_DEACTIVATED': { status: 409, meaning: 'The customer’s account is deactivated.' },
} as const satisfies Record<string, { status: number | null; meaning: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The codes the catalogue answers with HTTP status `S`. */
export type ErrorCodeWithStatus<S extends number> = { [C in ErrorCode]: (typeof ERROR_CODES)[C]['status'] extends S ? C : never }[ErrorCode];

/** The part of a code before its first dot (`QUOTE` in `QUOTE.EXPIRED`). */
export type ErrorArea = ErrorCode extends infer C ? (C extends `${infer A}.${string}` ? A : never) : never;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

/** Whether a code belongs to an area, e.g. any `APPOINTMENT.*` refusal. */
export function isErrorIn(code: string | null | undefined, area: ErrorArea): boolean {
  return typeof code === 'string' && code.startsWith(`${area}.`);
}
