import { HttpClient, HttpContext, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  AcceptQuoteResponse,
  AppointmentSlotsQuery,
  AppointmentSlotsView,
  DropOffDayQuery,
  DropOffDayView,
  DropOffView,
  RescheduleDropOffRequest,
  AssignRepairRequest,
  AttachmentView,
  AuthResponse,
  ChangePasswordRequest,
  CheckInRequest,
  CheckInResponse,
  CounterCustomer,
  PublicTrackingView,
  ForgotPasswordRequest,
  ForgotPasswordResponse,
  ChangeRepairStatusRequest,
  ConversationView,
  CreateDeviceRequest,
  CreateQuoteRequest,
  CreateRepairRequest,
  CreateUserRequest,
  DeviceView,
  EmailView,
  FailedJobView,
  OpenRequestsView,
  ListDevicesQuery,
  ListPaymentsQuery,
  ListRepairsQuery,
  ListUsersQuery,
  LoginRequest,
  MessageView,
  NotificationPreferences,
  Page,
  PaymentListItem,
  PaymentView,
  PaymentsConfigView,
  QuoteView,
  RefundRequest,
  RejectQuoteRequest,
  RegisterRequest,
  ResetPasswordRequest,
  RepairDetail,
  RepairSummary,
  SendMessageRequest,
  TestConfirmRequest,
  SerialAccessLogEntry,
  StaleQuotesView,
  StatusDurationsView,
  UpdateDeviceRequest,
  UpdateUserRequest,
  UserView,
  WeeklyRevenueView,
  ShopView,
} from '@repairhub/contracts';
import { API_BASE_URL } from '../config';
import { AUTH_ENDPOINT } from './http-context';

type Query = object | undefined;

function toParams(query: Query): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params = params.set(key, String(value));
  }
  return params;
}

/**
 * The REST API, typed once over `@repairhub/contracts` and shared by both apps. Every method maps one
 * route of the contract in DESIGN.md; errors arrive as `HttpErrorResponse` carrying problem+json
 * (see `readProblem`).
 */
@Injectable({ providedIn: 'root' })
export class ApiClient {
  private readonly http = inject(HttpClient);
  private readonly base = inject(API_BASE_URL);

  private url(path: string): string {
    return `${this.base}${path}`;
  }

  private get<T>(path: string, query?: Query): Observable<T> {
    return this.http.get<T>(this.url(path), { params: toParams(query) });
  }

  private post<T>(path: string, body: unknown = {}, context?: HttpContext): Observable<T> {
    return this.http.post<T>(this.url(path), body, { context });
  }

  private put<T>(path: string, body: unknown): Observable<T> {
    return this.http.put<T>(this.url(path), body);
  }

  private patch<T>(path: string, body: unknown): Observable<T> {
    return this.http.patch<T>(this.url(path), body);
  }

  private delete(path: string): Observable<void> {
    return this.http.delete<void>(this.url(path));
  }

  /** Session routes: the interceptor neither attaches a token to them nor retries them on 401. */
  private readonly authContext = () => new HttpContext().set(AUTH_ENDPOINT, true);

  readonly auth = {
    register: (body: RegisterRequest) => this.post<AuthResponse>('/auth/register', body, this.authContext()),
    login: (body: LoginRequest) => this.post<AuthResponse>('/auth/login', body, this.authContext()),
    /** Spends the HttpOnly refresh cookie for a new pair. */
    refresh: () => this.post<AuthResponse>('/auth/refresh', {}, this.authContext()),
    logout: () => this.post<void>('/auth/logout', {}, this.authContext()),
    me: () => this.get<UserView>('/auth/me'),
    /**
     * 204. Sent with the bearer token like any signed-in route: this session keeps going, the user's
     * other sessions end. A wrong current or weak new password is a 400 naming that field.
     */
    changePassword: (body: ChangePasswordRequest) => this.post<void>('/auth/me/password', body),
    /** 202 with the same message whether or not the account exists. */
    forgotPassword: (body: ForgotPasswordRequest) => this.post<ForgotPasswordResponse>('/auth/password/forgot', body, this.authContext()),
    /** 204; every session of the user ends. A spent, expired or unknown token is a 400 `AUTH.RESET_TOKEN_INVALID`. */
    resetPassword: (body: ResetPasswordRequest) => this.post<void>('/auth/password/reset', body, this.authContext()),
  };

  /** The signed-in user's email preferences. */
  readonly preferences = {
    get: () => this.get<NotificationPreferences>('/auth/me/preferences'),
    update: (body: NotificationPreferences) => this.patch<NotificationPreferences>('/auth/me/preferences', body),
  };

  readonly users = {
    list: (query?: ListUsersQuery) => this.get<Page<UserView>>('/users', query),
    create: (body: CreateUserRequest) => this.post<UserView>('/users', body),
    update: (id: string, body: UpdateUserRequest) => this.patch<UserView>(`/users/${id}`, body),
  };

  readonly devices = {
    list: (query?: ListDevicesQuery) => this.get<Page<DeviceView>>('/devices', query),
    get: (id: string, options: { reveal?: boolean } = {}) =>
      this.get<DeviceView>(`/devices/${id}`, options.reveal ? { reveal: true } : undefined),
    create: (body: CreateDeviceRequest) => this.post<DeviceView>('/devices', body),
    update: (id: string, body: UpdateDeviceRequest) => this.patch<DeviceView>(`/devices/${id}`, body),
    remove: (id: string) => this.delete(`/devices/${id}`),
    /** Admins: who revealed the device's serial, newest first. */
    serialAccessLog: (id: string, query: { limit?: number; cursor?: string } = {}) =>
      this.get<Page<SerialAccessLogEntry>>(`/devices/${id}/serial-access-log`, query),
  };

  readonly repairs = {
    list: (query?: ListRepairsQuery) => this.get<Page<RepairSummary>>('/repairs', query),
    get: (id: string) => this.get<RepairDetail>(`/repairs/${id}`),
    create: (body: CreateRepairRequest) => this.post<RepairDetail>('/repairs', body),
    assign: (id: string, body: AssignRepairRequest = {}) => this.post<RepairDetail>(`/repairs/${id}/assign`, body),
    changeStatus: (id: string, body: ChangeRepairStatusRequest) => this.post<RepairDetail>(`/repairs/${id}/status`, body),
    /** Staff or the owner: a new public tracking link; the old one stops working at once. */
    newTrackingLink: (id: string) => this.post<RepairDetail>(`/repairs/${id}/tracking-link`),
  };

  /** Staff at the counter. */
  readonly counter = {
    findCustomers: (q: string) => this.get<CounterCustomer[]>('/counter/customers', { q }),
    checkIn: (body: CheckInRequest) => this.post<CheckInResponse>('/repairs/check-in', body),
  };

  /** The public status page: no session needed. */
  readonly tracking = {
    get: (token: string) => this.get<PublicTrackingView>(`/public/track/${encodeURIComponent(token)}`),
  };

  readonly quotes = {
    create: (body: CreateQuoteRequest) => this.post<QuoteView>('/quotes', body),
    get: (id: string) => this.get<QuoteView>(`/quotes/${id}`),
    /** Opens (or returns the already open) payment for the quote. */
    accept: (id: string) => this.post<AcceptQuoteResponse>(`/quotes/${id}/accept`),
    /** `reason` is shown to the technician. */
    reject: (id: string, body: RejectQuoteRequest = {}) => this.post<QuoteView>(`/quotes/${id}/reject`, body),
  };

  readonly payments = {
    config: () => this.get<PaymentsConfigView>('/payments/config'),
    list: (query?: ListPaymentsQuery) => this.get<Page<PaymentListItem>>('/payments', query),
    get: (id: string) => this.get<PaymentView>(`/payments/${id}`),
    /** Test mode only: confirms the payment through the same signed-webhook path Stripe would use. */
    testConfirm: (id: string, body: TestConfirmRequest = {}) => this.post<PaymentView>(`/payments/${id}/test-confirm`, body),
    refund: (id: string, body: RefundRequest) => this.post<PaymentView>(`/payments/${id}/refund`, body),
  };

  /** Admin dashboard aggregates. */
  readonly dashboard = {
    openRequests: () => this.get<OpenRequestsView>('/dashboard/open-requests'),
    statusDurations: (days?: number) => this.get<StatusDurationsView>('/dashboard/status-durations', { days }),
    staleQuotes: (hours?: number) => this.get<StaleQuotesView>('/dashboard/stale-quotes', { hours }),
    revenue: (weeks?: number) => this.get<WeeklyRevenueView>('/dashboard/revenue', { weeks }),
  };

  /** Admins: the email outbox and the background jobs that used up their retries. */
  readonly operations = {
    emails: (query: { limit?: number; cursor?: string } = {}) => this.get<Page<EmailView>>('/admin/emails', query),
    failedJobs: (limit?: number) => this.get<FailedJobView[]>('/admin/jobs/failed', { limit }),
    /** Job ids are not UUIDs (BullMQ ids carry dots and underscores), hence the encoding. */
    retryJob: (id: string) => this.post<void>(`/admin/jobs/failed/${encodeURIComponent(id)}/retry`),
  };

  /** Drop-off appointments: bookable slots, the owner's booking, the counter's day (staff). */
  readonly appointments = {
    slots: (query?: AppointmentSlotsQuery) => this.get<AppointmentSlotsView>('/appointments/slots', query),
    day: (query?: DropOffDayQuery) => this.get<DropOffDayView>('/appointments', query),
    reschedule: (repairId: string, body: RescheduleDropOffRequest) => this.put<DropOffView>(`/repairs/${repairId}/drop-off`, body),
    cancel: (repairId: string) => this.delete(`/repairs/${repairId}/drop-off`),
  };

  /** The shop's name, address, opening hours and currencies (public). */
  readonly shop = {
    get: () => this.get<ShopView>('/shop'),
  };

  readonly conversations = {
    list: () => this.get<Page<ConversationView>>('/conversations'),
    open: (repairRequestId: string) => this.post<ConversationView>('/conversations', { repairRequestId }),
    messages: (id: string, query: { before?: string; limit?: number } = {}) =>
      this.get<Page<MessageView>>(`/conversations/${id}/messages`, query),
    send: (id: string, body: SendMessageRequest) => this.post<MessageView>(`/conversations/${id}/messages`, body),
  };

  readonly attachments = {
    list: (repairId: string) => this.get<AttachmentView[]>(`/repairs/${repairId}/attachments`),
    /** The one multipart request of the API: field `file`. */
    upload: (repairId: string, file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return this.http.post<AttachmentView>(this.url(`/repairs/${repairId}/attachments`), form);
    },
    /** The bytes, fetched with the access token (there is no public URL to put in an `<img>`). */
    content: (id: string, variant: 'original' | 'thumbnail' = 'original') =>
      this.http.get(this.url(`/attachments/${id}`), { params: toParams(variant === 'thumbnail' ? { variant } : {}), responseType: 'blob' }),
  };
}
