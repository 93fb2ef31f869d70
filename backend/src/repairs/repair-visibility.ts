import type { AuthUser } from '../common/auth-user.js';

export type Viewer = Pick<AuthUser, 'id' | 'role'>;

export { deviceVisibility, repairVisibility } from './repair-visibility.query.js';
