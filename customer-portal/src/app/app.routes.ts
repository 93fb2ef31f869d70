import type { Routes } from '@angular/router';
import { requireGuest, requireSession } from '@repairhub/web-core';

const customersOnly = requireSession({ roles: ['customer'], otherwise: '/staff' });

export const routes: Routes = [
  { path: '', pathMatch: 'full', canMatch: [requireGuest('/repairs')], title: 'RepairHub — get your device fixed', loadComponent: () => import('./features/home/welcome.page') },
  { path: 'sign-in', canMatch: [requireGuest('/repairs')], title: 'Sign in — RepairHub', loadComponent: () => import('./features/auth/sign-in.page') },
  { path: 'sign-up', canMatch: [requireGuest('/repairs')], title: 'Create your account — RepairHub', loadComponent: () => import('./features/auth/sign-up.page') },
  { path: 'forgot-password', canMatch: [requireGuest('/repairs')], title: 'Forgot your password? — RepairHub', loadComponent: () => import('./features/auth/forgot-password.page') },
  // No guest guard: whoever opens an emailed link gets to use it, even in a browser signed in as someone else.
  { path: 'reset-password', title: 'Choose a new password — RepairHub', loadComponent: () => import('./features/auth/reset-password.page') },
  { path: 'repairs', canMatch: [customersOnly], loadChildren: () => import('./features/repairs/repairs.routes') },
  { path: 'devices', canMatch: [customersOnly], loadChildren: () => import('./features/devices/devices.routes') },
  { path: 'receipts/:paymentId', canMatch: [customersOnly], title: 'Receipt — RepairHub', loadComponent: () => import('./features/receipts/receipt.page') },
  { path: 'account', canMatch: [customersOnly], title: 'Account — RepairHub', loadComponent: () => import('./features/account/account.page') },
  // Public: the tracking link works without an account, whoever is signed in.
  { path: 'track/:token', title: 'Repair status — RepairHub', loadComponent: () => import('./features/track/track.page') },
  { path: 'staff', title: 'Use the console — RepairHub', loadComponent: () => import('./features/home/staff.page') },
  { path: '**', title: 'Page not found — RepairHub', loadComponent: () => import('./features/home/not-found.page') },
];
