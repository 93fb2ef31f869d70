import type { ApiKeyScope, Role } from '@repairhub/contracts';

/** Who is calling, as the JWT strategy (from the verified token) or the API-key check (from the database) resolved it. */
export interface AuthUser {
  id: string;
  /** The session (refresh-token family) of a signed-in user; absent for an API key. */
  sessionId?: string;
  role: Role;
  /**
   * Set when the caller is an API key: a service principal acting with the role of the admin who created it,
   * limited to the routes that declare one of its scopes (`@Scopes`).
   */
  apiKey?: { id: string; name: string; scopes: ApiKeyScope[] };
}
