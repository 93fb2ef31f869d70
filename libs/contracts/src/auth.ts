import type { Role } from './enums.js';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;
export const NAME_MAX_LENGTH = 120;

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  createdAt: string;
  /** Only on `GET /auth/me`: whether non-essential emails (reminders, chat) are on. */
  emailNonEssential?: boolean;
}

export interface RegisterRequest {
  email: string;
  password: string;
  name: string;
}

export interface LoginRequest {
  email: string;
  password: string;
}

/**
 * `POST /auth/me/password` (204). A wrong `currentPassword` or a weak `newPassword` is a 400 naming
 * that field; every other session of the user ends, the one that asked keeps going.
 */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

export interface RefreshRequest {
  refreshToken?: string;
}

export interface AuthResponse {
  user: UserView;
  accessToken: string;
  /** Access-token lifetime in seconds. */
  expiresIn: number;
  /** Present only when the client asked for body transport (`x-token-transport: body`). */
  refreshToken?: string;
}

export interface CreateUserRequest {
  email: string;
  password: string;
  name: string;
  role: Exclude<Role, 'customer'>;
}

export interface UpdateUserRequest {
  role?: Role;
  active?: boolean;
  name?: string;
}

export interface ListUsersQuery {
  q?: string;
  role?: Role;
  limit?: number;
  cursor?: string;
}

export const TOKEN_TRANSPORT_HEADER = 'x-token-transport';
export const REFRESH_COOKIE = 'refresh_token';
