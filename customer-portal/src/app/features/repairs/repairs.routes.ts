import type { Routes } from '@angular/router';

export default [
  { path: '', title: 'My repairs — RepairHub', loadComponent: () => import('./repair-list.page') },
  { path: 'new', title: 'New repair request — RepairHub', loadComponent: () => import('./new-repair.page') },
  { path: ':id', title: 'Repair — RepairHub', loadComponent: () => import('./repair-detail.page') },
] satisfies Routes;
