import { RefreshToken } from '../auth/refresh-token.entity.js';
import { User } from '../users/user.entity.js';

/** Every entity, for the app and the migration CLI. */
export const ENTITIES = [User, RefreshToken];
