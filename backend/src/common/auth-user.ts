import type { ApiKeyScope, Role } from '@repairhub/contracts';

/** Who is calling, as the JWT strategy (or the API-key check) resolved it (always re-read from the database). */
export interface AuthUser {
  id: string;
  email: string;
  role: Role;
  /**
   * Set when the caller is an API key: a service principal acting with the role of the admin who created it,
   * limited to the routes that declare one of its scopes (`@Scopes`).
   */
  apiKey?: { id: string; name: string; scopes: ApiKeyScope[] };
}
