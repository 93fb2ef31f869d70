import type { UserView } from '@repairhub/contracts';
import type { User } from './user.entity.js';

export function toUserView(user: Pick<User, 'id' | 'email' | 'phone' | 'name' | 'role' | 'active' | 'createdAt'>): UserView {
  return {
    id: user.id,
    email: user.email,
    phone: user.phone,
    name: user.name,
    role: user.role,
    active: user.active,
    createdAt: new Date(user.createdAt).toISOString(),
  };
}
