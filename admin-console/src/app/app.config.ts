import type { ApplicationConfig } from '@angular/core';
import { provideRepairHubApp } from '@repairhub/web-core';
import { routes } from './app.routes';

export const appConfig: ApplicationConfig = { providers: provideRepairHubApp(routes) };
