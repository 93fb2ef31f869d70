/** Socket.IO room names, in one place so every emitter agrees. */
export const conversationRoom = (id: string) => `conversation:${id}`;
export const userRoom = (id: string) => `user:${id}`;
/** The sockets one sign-in session opened (closed when the session is revoked). */
export const sessionRoom = (id: string) => `session:${id}`;
/** Technicians and admins: the live queue. */
export const STAFF_ROOM = 'staff';
export const ADMIN_ROOM = 'admins';
/** The one socket of each side that carries a call (the caller's, the one that answered): signalling goes here. */
export const callRoom = (id: string) => `call:${id}`;
