import type { CanMatchFn } from '@angular/router';
import { STAFF_ROLES } from '@repairhub/contracts';
import { requireSession } from '@repairhub/web-core';

/** Technicians and admins; a signed-in customer is sent to the page that points them to the portal. */
export const staffOnly: CanMatchFn = requireSession({ roles: STAFF_ROLES, otherwise: '/customers' });

/** Admin screens; a technician who follows a link to one lands on their queue instead. */
export const adminOnly: CanMatchFn = requireSession({ roles: ['admin'], otherwise: '/' });
