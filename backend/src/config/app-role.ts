/** The process roles one build can run as (`APP_ROLE`). */
export const APP_ROLES = ['all', 'api', 'realtime', 'worker'] as const;
export type AppRoleName = (typeof APP_ROLES)[number];

/** What a process of a role runs; health is served by every role. */
export interface AppRole {
  name: AppRoleName;
  /** The HTTP API under /api/v1, Swagger and the two apps. */
  api: boolean;
  /** The Socket.IO `/chat` gateway. */
  chat: boolean;
  /** BullMQ job workers and schedules, and the email and webhook outbox pollers. */
  workers: boolean;
}

export function appRole(name: AppRoleName): AppRole {
  return { name, api: name === 'all' || name === 'api', chat: name === 'all' || name === 'realtime', workers: name === 'all' || name === 'worker' };
}
