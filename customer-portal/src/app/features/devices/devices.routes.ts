import type { Routes } from '@angular/router';

export default [
  { path: '', title: 'My devices — RepairHub', loadComponent: () => import('./devices.page') },
] satisfies Routes;
