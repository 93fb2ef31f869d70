// Compile-time check (`npm run typecheck:web-client`, run by `npm test`): every ApiClient method sends
// exactly what its operation in the server's OpenAPI document accepts and reads exactly what it answers.
// A drift is a type error naming the method. No runtime code.
import type { Observable } from 'rxjs';
import type { ApiClient } from './api-client';
import type { operations } from './openapi.generated';

type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : T extends { content?: never } ? void : never;
type SuccessStatus = 200 | 201 | 202 | 204;
/** What the operation answers on success (204: nothing). */
type Answer<Op> = Op extends { responses: infer R } ? Json<R[Extract<keyof R, SuccessStatus>]> : never;
/** What the operation accepts as its JSON body; `undefined` too when the body is optional. */
type Accepts<Op> = Op extends { requestBody: infer B } ? Json<B> : Op extends { requestBody?: infer B } ? Json<NonNullable<B>> | undefined : undefined;
/** Query parameters; none → an empty object. */
type QueryOf<Op> = Op extends { parameters: { query?: infer Q } } ? ([Q] extends [never] ? undefined : Q) : undefined;

type Reads<F> = F extends (...args: never[]) => Observable<infer T> ? T : never;
type LastOf<A extends unknown[]> = Required<A> extends [...unknown[], infer L] ? (A['length'] extends Required<A>['length'] ? L : L | undefined) : undefined;
type Last<F> = F extends (...args: infer A) => unknown ? LastOf<A> : never;
/** The body argument is the last one; a method without arguments sends none. */
type Sends<F> = F extends (...args: infer A) => unknown ? (A extends [] ? undefined : LastOf<A>) : never;

type Assignable<From, To> = [From] extends [To] ? true : false;
type Both<A extends boolean, B extends boolean> = A extends true ? B : false;
type Element<T> = T extends readonly (infer E)[] ? E : T extends { items: readonly (infer E)[] } ? E : T;
/** Same field names, at the top and in a list's elements: a field the client expects always comes, and none comes unread. */
type SameFields<A, B> = Both<Assignable<keyof A, keyof B>, Both<Assignable<keyof B, keyof A>, Both<Assignable<keyof Element<A>, keyof Element<B>>, Assignable<keyof Element<B>, keyof Element<A>>>>>;
type Expect<T extends true> = T;

/** The client reads what the server answers: every answer fits the client's type, field for field. */
type Response<Method, Op> = Both<Assignable<Answer<Op>, Reads<Method>>, SameFields<Reads<Method>, Answer<Op>>>;
/** Whatever the client sends, the server accepts; whatever body the server accepts, the client can send. */
type Body<Method, Op> = Both<Assignable<Sends<Method>, Accepts<Op>>, Assignable<NonNullable<Accepts<Op>>, NonNullable<Sends<Method>>>>;
/** Every filter the client passes is a query parameter of the operation. */
type Query<Method, Op> = Assignable<NonNullable<Last<Method>>, NonNullable<QueryOf<Op>>>;

type Api = ApiClient;

export type ApiClientMatchesOpenApi = [
  Expect<Body<Api['auth']['register'], operations['Auth_register']>>,
  Expect<Response<Api['auth']['register'], operations['Auth_register']>>,
  Expect<Body<Api['auth']['login'], operations['Auth_login']>>,
  Expect<Response<Api['auth']['login'], operations['Auth_login']>>,
  Expect<Response<Api['auth']['refresh'], operations['Auth_refresh']>>,
  Expect<Response<Api['auth']['logout'], operations['Auth_logout']>>,
  Expect<Response<Api['auth']['me'], operations['Auth_me']>>,
  Expect<Body<Api['auth']['changePassword'], operations['Auth_changePassword']>>,
  Expect<Response<Api['auth']['changePassword'], operations['Auth_changePassword']>>,
  Expect<Body<Api['auth']['forgotPassword'], operations['PasswordReset_forgot']>>,
  Expect<Response<Api['auth']['forgotPassword'], operations['PasswordReset_forgot']>>,
  Expect<Body<Api['auth']['resetPassword'], operations['PasswordReset_reset']>>,
  Expect<Response<Api['auth']['resetPassword'], operations['PasswordReset_reset']>>,
  Expect<Response<Api['preferences']['get'], operations['Preferences_get']>>,
  Expect<Body<Api['preferences']['update'], operations['Preferences_update']>>,
  Expect<Response<Api['preferences']['update'], operations['Preferences_update']>>,

  Expect<Query<Api['users']['list'], operations['Users_list']>>,
  Expect<Response<Api['users']['list'], operations['Users_list']>>,
  Expect<Body<Api['users']['create'], operations['Users_create']>>,
  Expect<Response<Api['users']['create'], operations['Users_create']>>,
  Expect<Body<Api['users']['update'], operations['Users_update']>>,
  Expect<Response<Api['users']['update'], operations['Users_update']>>,

  Expect<Query<Api['devices']['list'], operations['Devices_list']>>,
  Expect<Response<Api['devices']['list'], operations['Devices_list']>>,
  Expect<Response<Api['devices']['get'], operations['Devices_get']>>,
  Expect<Body<Api['devices']['create'], operations['Devices_create']>>,
  Expect<Response<Api['devices']['create'], operations['Devices_create']>>,
  Expect<Body<Api['devices']['update'], operations['Devices_update']>>,
  Expect<Response<Api['devices']['update'], operations['Devices_update']>>,
  Expect<Response<Api['devices']['remove'], operations['Devices_remove']>>,
  Expect<Query<Api['devices']['serialAccessLog'], operations['Devices_accessLog']>>,
  Expect<Response<Api['devices']['serialAccessLog'], operations['Devices_accessLog']>>,

  Expect<Query<Api['repairs']['list'], operations['Repairs_list']>>,
  Expect<Response<Api['repairs']['list'], operations['Repairs_list']>>,
  Expect<Response<Api['repairs']['get'], operations['Repairs_get']>>,
  Expect<Body<Api['repairs']['create'], operations['Repairs_create']>>,
  Expect<Response<Api['repairs']['create'], operations['Repairs_create']>>,
  Expect<Body<Api['repairs']['assign'], operations['Repairs_assign']>>,
  Expect<Response<Api['repairs']['assign'], operations['Repairs_assign']>>,
  Expect<Body<Api['repairs']['changeStatus'], operations['Repairs_changeStatus']>>,
  Expect<Response<Api['repairs']['changeStatus'], operations['Repairs_changeStatus']>>,
  Expect<Response<Api['repairs']['newTrackingLink'], operations['Repairs_replaceTrackingLink']>>,
  Expect<Response<Api['counter']['findCustomers'], operations['CustomerLookup_search']>>,
  Expect<Body<Api['counter']['checkIn'], operations['Counter_checkIn']>>,
  Expect<Response<Api['counter']['checkIn'], operations['Counter_checkIn']>>,
  Expect<Response<Api['tracking']['get'], operations['PublicTracking_view']>>,

  Expect<Body<Api['quotes']['create'], operations['Quotes_create']>>,
  Expect<Response<Api['quotes']['create'], operations['Quotes_create']>>,
  Expect<Response<Api['quotes']['get'], operations['Quotes_get']>>,
  Expect<Response<Api['quotes']['accept'], operations['QuoteAcceptance_accept']>>,
  Expect<Body<Api['quotes']['reject'], operations['Quotes_reject']>>,
  Expect<Response<Api['quotes']['reject'], operations['Quotes_reject']>>,

  Expect<Response<Api['payments']['config'], operations['Payments_config']>>,
  Expect<Query<Api['payments']['list'], operations['Payments_list']>>,
  Expect<Response<Api['payments']['list'], operations['Payments_list']>>,
  Expect<Response<Api['payments']['get'], operations['Payments_get']>>,
  Expect<Body<Api['payments']['testConfirm'], operations['Payments_testConfirm']>>,
  Expect<Response<Api['payments']['testConfirm'], operations['Payments_testConfirm']>>,
  Expect<Body<Api['payments']['refund'], operations['Payments_refund']>>,
  Expect<Response<Api['payments']['refund'], operations['Payments_refund']>>,

  Expect<Response<Api['dashboard']['openRequests'], operations['Dashboard_openRequests']>>,
  Expect<Response<Api['dashboard']['statusDurations'], operations['Dashboard_statusDurations']>>,
  Expect<Response<Api['dashboard']['staleQuotes'], operations['Dashboard_staleQuotes']>>,
  Expect<Response<Api['dashboard']['revenue'], operations['Dashboard_revenue']>>,

  Expect<Query<Api['operations']['emails'], operations['EmailOutbox_list']>>,
  Expect<Response<Api['operations']['emails'], operations['EmailOutbox_list']>>,
  Expect<Response<Api['operations']['failedJobs'], operations['JobsAdmin_failed']>>,
  Expect<Response<Api['operations']['retryJob'], operations['JobsAdmin_retry']>>,

  Expect<Query<Api['appointments']['slots'], operations['Appointments_list']>>,
  Expect<Response<Api['appointments']['slots'], operations['Appointments_list']>>,
  Expect<Query<Api['appointments']['day'], operations['Appointments_day']>>,
  Expect<Response<Api['appointments']['day'], operations['Appointments_day']>>,
  Expect<Body<Api['appointments']['reschedule'], operations['Appointments_reschedule']>>,
  Expect<Response<Api['appointments']['reschedule'], operations['Appointments_reschedule']>>,
  Expect<Response<Api['appointments']['cancel'], operations['Appointments_cancel']>>,
  Expect<Response<Api['shop']['get'], operations['Shop_shop']>>,

  Expect<Response<Api['conversations']['list'], operations['Chat_list']>>,
  Expect<Response<Api['conversations']['open'], operations['Chat_open']>>,
  Expect<Query<Api['conversations']['messages'], operations['Chat_messages']>>,
  Expect<Response<Api['conversations']['messages'], operations['Chat_messages']>>,
  Expect<Body<Api['conversations']['send'], operations['Chat_send']>>,
  Expect<Response<Api['conversations']['send'], operations['Chat_send']>>,
  Expect<Response<Api['attachments']['list'], operations['Attachments_list']>>,
  Expect<Response<Api['attachments']['upload'], operations['Attachments_upload']>>,
];
