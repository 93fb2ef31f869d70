import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import { type EnvironmentProviders, type Provider, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
import { provideRouter, type Routes, withComponentInputBinding, withInMemoryScrolling, withRouterConfig } from '@angular/router';
import { authInterceptor } from './auth/auth.interceptor';

/** What both apps run on: zoneless change detection, fetch-based HTTP with the auth interceptor, the router. */
export function provideRepairHubApp(routes: Routes): (Provider | EnvironmentProviders)[] {
  return [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideHttpClient(withFetch(), withInterceptors([authInterceptor])),
    provideRouter(
      routes,
      withComponentInputBinding(),
      withInMemoryScrolling({ scrollPositionRestoration: 'top' }),
      withRouterConfig({ paramsInheritanceStrategy: 'always' }),
    ),
  ];
}
