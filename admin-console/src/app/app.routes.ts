import type { Routes } from '@angular/router';
import { requireGuest } from '@repairhub/web-core';
import { adminOnly, staffOnly } from './core/access';

export const routes: Routes = [
  { path: 'sign-in', canMatch: [requireGuest('/')], title: 'Sign in — RepairHub Console', loadComponent: () => import('./features/auth/sign-in.page') },
  { path: 'forgot-password', canMatch: [requireGuest('/')], title: 'Forgot your password? — RepairHub Console', loadComponent: () => import('./features/auth/forgot-password.page') },
  // No guest guard: whoever opens an emailed link gets to use it, even in a browser signed in as someone else.
  { path: 'reset-password', title: 'Choose a new password — RepairHub Console', loadComponent: () => import('./features/auth/reset-password.page') },
  { path: 'customers', title: 'Customers use the portal — RepairHub Console', loadComponent: () => import('./features/home/customer-refused.page') },
  { path: '', pathMatch: 'full', canMatch: [staffOnly], title: 'Queue — RepairHub Console', loadComponent: () => import('./features/queue/queue.page') },
  { path: 'drop-offs', canMatch: [staffOnly], title: 'Drop-offs — RepairHub Console', loadComponent: () => import('./features/drop-offs/drop-offs.page') },
  { path: 'account', canMatch: [staffOnly], title: 'Account — RepairHub Console', loadComponent: () => import('./features/account/account.page') },
  { path: 'check-in', canMatch: [staffOnly], title: 'Check a device in — RepairHub Console', loadComponent: () => import('./features/counter/check-in.page') },
  { path: 'repairs/:id/print', canMatch: [staffOnly], title: 'Print — RepairHub Console', loadComponent: () => import('./features/counter/print.page') },
  { path: 'repairs/:id', canMatch: [staffOnly], title: 'Repair — RepairHub Console', loadComponent: () => import('./features/repairs/repair-workspace.page') },
  {
    path: 'admin',
    canMatch: [adminOnly],
    children: [
      { path: 'users', title: 'Users — RepairHub Console', loadComponent: () => import('./features/admin/users.page') },
      { path: 'repairs', title: 'All repairs — RepairHub Console', loadComponent: () => import('./features/admin/repairs.page') },
      { path: 'payments', title: 'Payments — RepairHub Console', loadComponent: () => import('./features/admin/payments.page') },
      { path: 'payments/:id', title: 'Payment — RepairHub Console', loadComponent: () => import('./features/admin/payment.page') },
      { path: 'emails', title: 'Email outbox — RepairHub Console', loadComponent: () => import('./features/admin/emails.page') },
      { path: 'jobs', title: 'Failed jobs — RepairHub Console', loadComponent: () => import('./features/admin/failed-jobs.page') },
      { path: 'dashboard', title: 'Dashboard — RepairHub Console', loadComponent: () => import('./features/dashboard/dashboard.page') },
      { path: '', pathMatch: 'full', redirectTo: 'dashboard' },
    ],
  },
  { path: '**', redirectTo: '' },
];
