import type { Role } from './enums.js';
import type { ErrorCode } from './errors.js';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;
export const NAME_MAX_LENGTH = 120;

export interface UserView {
  id: string;
  /** `null` for a customer checked in at the counter with only a phone number (never staff, never signed in). */
  email: string | null;
  /** The phone number given at the counter (digits, optional leading `+`); `null` when none was given. Seen by the user and admins. */
  phone: string | null;
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

/**
 * `POST /auth/password/forgot` (202, always {@link ForgotPasswordResponse}, whether or not the account
 * exists). An active account gets an email with a single-use link to `/reset-password?token=…` (the
 * portal) or `/console/reset-password?token=…` (staff), valid {@link PASSWORD_RESET_TTL_MINUTES} minutes.
 */
export interface ForgotPasswordRequest {
  email: string;
}

export interface ForgotPasswordResponse {
  message: string;
}

/**
 * `POST /auth/password/reset` (204): sets the password and ends every session of the user. A spent,
 * expired or unknown token is a 400 `AUTH.RESET_TOKEN_INVALID`; a weak password a 400 naming `password`
 * (the link stays usable).
 */
export interface ResetPasswordRequest {
  token: string;
  password: string;
}

export const PASSWORD_RESET_TTL_MINUTES = 30;
export const FORGOT_PASSWORD_MESSAGE = "If an account exists for that address, we've sent a link to reset its password.";
export const RESET_TOKEN_INVALID = 'AUTH.RESET_TOKEN_INVALID' satisfies ErrorCode;

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
