import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth-user.js';
import { CurrentUser, Roles } from '../common/decorators/auth.decorators.js';
import { ApiRoute } from '../common/http/api-route.decorator.js';
import { PageQueryDto } from '../common/http/pagination.js';
import { ApiKeysService } from './api-keys.service.js';
import { ApiKeyPageDto, ApiKeySecretDto, CreateApiKeyDto } from './dto/api-key.dto.js';

const uuid = new ParseUUIDPipe();

/** Admins only, and never through an API key (no scope is declared here), so a key cannot mint keys. */
@ApiTags('api-keys')
@Controller('api-keys')
@Roles('admin')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @ApiRoute({ summary: 'Create an API key (the secret is shown once)', auth: 'admin', created: ApiKeySecretDto })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateApiKeyDto) {
    return this.keys.create(user, body);
  }

  @Get()
  @ApiRoute({ summary: 'List API keys (prefix, scopes, expiry, last use)', auth: 'admin', ok: ApiKeyPageDto })
  list(@Query() query: PageQueryDto) {
    return this.keys.list(query);
  }

  @Post(':id/rotate')
  @ApiRoute({ summary: 'Replace a key’s secret; the old one is refused at once', auth: 'admin', ok: ApiKeySecretDto, errors: [404] })
  rotate(@Param('id', uuid) id: string) {
    return this.keys.rotate(id);
  }

  @Delete(':id')
  @ApiRoute({ summary: 'Revoke an API key; it is refused at once', auth: 'admin', noContent: true, errors: [404] })
  async revoke(@Param('id', uuid) id: string): Promise<void> {
    await this.keys.revoke(id);
  }
}
