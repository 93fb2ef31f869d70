import type { AuthUser } from '../common/auth-user.js';

export type Viewer = Pick<AuthUser, 'id' | 'role'>;

/**
 * The visibility predicates' one import path, inside this feature and out (the layer rules export this
 * file): they are SQL, so they live in `repair-visibility.query.ts` (persistence-placement.spec.ts).
 */
export { deviceVisibility, repairVisibility } from './repair-visibility.query.js';
