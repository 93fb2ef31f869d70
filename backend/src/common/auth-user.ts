import type { Role } from '@repairhub/contracts';

/** Who is calling, as the JWT strategy resolved it (always re-read from the database). */
export interface AuthUser {
  id: string;
  email: string;
  role: Role;
}
