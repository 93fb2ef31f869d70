import { InjectionToken } from '@angular/core';

/** Base URL of the REST API. Same origin by default, so the refresh cookie needs no CORS. */
export const API_BASE_URL = new InjectionToken<string>('API_BASE_URL', {
  providedIn: 'root',
  factory: () => '/api/v1',
});

/**
 * Origin of the Socket.IO server ('' means the page's own origin). The `/chat` namespace and the
 * default `/socket.io` path are appended by the chat client.
 */
export const SOCKET_ORIGIN = new InjectionToken<string>('SOCKET_ORIGIN', {
  providedIn: 'root',
  factory: () => '',
});
