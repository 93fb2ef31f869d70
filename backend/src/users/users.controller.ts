import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth-user.js';
import { CurrentUser, Roles } from '../common/decorators/auth.decorators.js';
import { Scopes } from '../common/decorators/scopes.decorator.js';
import { ApiRoute } from '../common/http/api-route.decorator.js';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto, UserPageDto, UserViewDto } from './dto/user.dto.js';
import { toUserView } from './user.mapper.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Scopes('users:read')
  @ApiRoute({ summary: 'List and search users', auth: 'admin', ok: UserPageDto })
  list(@Query() query: ListUsersQueryDto) {
    return this.users.list(query);
  }

  @Post()
  @ApiRoute({ summary: 'Create a technician or admin account', auth: 'admin', created: UserViewDto, errors: [409] })
  async create(@Body() body: CreateUserDto) {
    return toUserView(await this.users.create(body));
  }

  @Patch(':id')
  @ApiRoute({ summary: 'Change a user’s role, name or active flag', auth: 'admin', ok: UserViewDto, errors: [404, 409] })
  async update(@CurrentUser() actor: AuthUser, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: UpdateUserDto) {
    return toUserView(await this.users.update(actor.id, id, body));
  }
}
