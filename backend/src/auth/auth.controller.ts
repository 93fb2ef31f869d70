import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { REFRESH_COOKIE, TOKEN_TRANSPORT_HEADER, type AuthResponse } from '@repairhub/contracts';
import type { AuthUser } from '../common/auth-user.js';
import { CurrentUser, Public } from '../common/decorators/auth.decorators.js';
import { unauthenticated } from '../common/errors/domain-error.js';
import { ApiRoute } from '../common/http/api-route.decorator.js';
import { UserViewDto } from '../users/dto/user.dto.js';
import { toUserView } from '../users/user.mapper.js';
import { UsersService } from '../users/users.service.js';
import { AuthThrottle } from './auth-throttle.js';
import { AuthService, type Session } from './auth.service.js';
import { AuthResponseDto, ChangePasswordDto, LoginDto, RefreshDto, RegisterDto } from './dto/auth.dto.js';
import { SameSiteOnly } from './same-site.guard.js';
import { clearRefreshCookie, setRefreshCookie, wantsBodyTransport } from './session-cookie.js';

const transportHeader = ApiHeader({
  name: TOKEN_TRANSPORT_HEADER,
  required: false,
  description: '`body` returns the refresh token in the JSON body instead of a cookie (mobile clients).',
});

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @AuthThrottle()
  @Post('register')
  @SameSiteOnly()
  @transportHeader
  @ApiRoute({ summary: 'Create a customer account and sign in', auth: 'public', created: AuthResponseDto, errors: [403, 409] })
  async register(@Body() body: RegisterDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.deliver(await this.auth.register(body), req, reply);
  }

  @Public()
  @AuthThrottle()
  @Post('login')
  @SameSiteOnly()
  @transportHeader
  @ApiRoute({ summary: 'Sign in with email and password', auth: 'public', ok: AuthResponseDto, errors: [401, 403] })
  async login(@Body() body: LoginDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.deliver(await this.auth.login(body), req, reply);
  }

  @Public()
  // Not in the tight password-guessing budget: a 256-bit token cannot be guessed, and many users behind
  // one address refresh every few minutes. The general per-IP write budget still applies.
  @Post('refresh')
  @SameSiteOnly()
  @transportHeader
  @ApiRoute({
    summary: 'Exchange a refresh token for a new token pair',
    description: 'The presented token is spent; presenting a spent token again revokes every token of its family.',
    auth: 'public',
    ok: AuthResponseDto,
    errors: [401, 403],
  })
  async refresh(@Body() body: RefreshDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.deliver(await this.auth.refresh(this.presentedToken(body, req)), req, reply);
  }

  @Public()
  @Post('logout')
  @SameSiteOnly()
  @ApiRoute({ summary: 'Revoke the refresh token and clear the cookie', auth: 'public', noContent: true, errors: [403] })
  async logout(@Body() body: RefreshDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    const token = body.refreshToken ?? this.cookieToken(req);
    if (token) await this.auth.logout(token);
    clearRefreshCookie(req, reply);
  }

  @Get('me')
  @ApiRoute({ summary: 'The signed-in user', auth: 'any', ok: UserViewDto })
  async me(@CurrentUser() user: AuthUser) {
    const me = await this.users.get(user.id);
    return { ...toUserView(me), emailNonEssential: me.emailNonEssential };
  }

  // In the tight password-guessing budget: a stolen access token must not become a password oracle.
  @AuthThrottle()
  @Post('me/password')
  @ApiRoute({
    summary: 'Change my password',
    description: 'Needs the current password. Every other session of the user ends; this one goes on.',
    auth: 'any',
    noContent: true,
    errors: [400, 409],
  })
  async changePassword(@CurrentUser() user: AuthUser, @Body() body: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(user, body);
  }

  private presentedToken(body: RefreshDto, req: FastifyRequest): string {
    const token = body.refreshToken ?? this.cookieToken(req);
    if (!token) throw unauthenticated('AUTH.REFRESH_MISSING', 'No refresh token was sent.');
    return token;
  }

  private cookieToken(req: FastifyRequest): string | undefined {
    return req.cookies?.[REFRESH_COOKIE];
  }

  private deliver(session: Session, req: FastifyRequest, reply: FastifyReply): AuthResponse {
    if (wantsBodyTransport(req)) return { ...session.body, refreshToken: session.refresh.token };
    setRefreshCookie(req, reply, session.refresh);
    return session.body;
  }
}
