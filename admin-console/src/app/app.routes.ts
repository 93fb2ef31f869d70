import type { Routes } from '@angular/router';
import { STAFF_ROLES } from '@repairhub/contracts';
import { requireGuest, requireSession } from '@repairhub/web-core';

const staffOnly = requireSession({ roles: STAFF_ROLES, otherwise: '/customers' });

export const routes: Routes = [
  { path: 'sign-in', canMatch: [requireGuest('/')], title: 'Sign in — RepairHub Console', loadComponent: () => import('./features/auth/sign-in.page') },
  { path: 'customers', title: 'Customers use the portal — RepairHub Console', loadComponent: () => import('./features/home/customer-refused.page') },
  { path: '', pathMatch: 'full', canMatch: [staffOnly], title: 'Console — RepairHub', loadComponent: () => import('./features/home/home.page') },
  { path: '**', redirectTo: '' },
];
