import { Injectable, UseGuards, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../config/configuration.js';
import { assertSameSite } from './session-cookie.js';

@Injectable()
export class SameSiteGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    assertSameSite(context.switchToHttp().getRequest<FastifyRequest>(), this.config);
    return true;
  }
}

/**
 * For every route that sets or clears the session cookie, whether or not a cookie came with the
 * request: another site must not sign a browser in (login CSRF), refresh its session or sign it out.
 */
export const SameSiteOnly = () => UseGuards(SameSiteGuard);
