import { Body, Controller, Get, Patch, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { EmailView, NotificationPreferences } from '@repairhub/contracts';
import { CurrentUser, Roles } from '../common/decorators/auth.decorators.js';
import type { AuthUser } from '../common/auth-user.js';
import { ApiRoute } from '../common/http/api-route.decorator.js';
import { PageQueryDto } from '../common/http/pagination.js';
import { EmailPageDto, NotificationPreferencesDto } from './dto/notifications.dto.js';
import { NotificationsService } from './notifications.service.js';

/** The email outbox: every notification, sent or kept (no SMTP) or skipped (opted out), newest first. */
@ApiTags('admin')
@Roles('admin')
@Controller('admin/emails')
export class EmailOutboxController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiRoute({ summary: 'Emails recorded in the outbox, newest first', auth: 'admin', ok: EmailPageDto, errors: [400] })
  list(@Query() query: PageQueryDto): Promise<{ items: EmailView[]; nextCursor: string | null }> {
    return this.notifications.list(query);
  }
}

/** The signed-in user's email preferences. */
@ApiTags('auth')
@Controller('auth/me/preferences')
export class PreferencesController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiRoute({ summary: 'My notification preferences', auth: 'any', ok: NotificationPreferencesDto })
  get(@CurrentUser() user: AuthUser): Promise<NotificationPreferences> {
    return this.notifications.preferences(user.id);
  }

  @Patch()
  @ApiRoute({ summary: 'Turn non-essential emails on or off', auth: 'any', ok: NotificationPreferencesDto, errors: [400] })
  update(@CurrentUser() user: AuthUser, @Body() body: NotificationPreferencesDto): Promise<NotificationPreferences> {
    return this.notifications.setPreferences(user.id, body.emailNonEssential);
  }
}
