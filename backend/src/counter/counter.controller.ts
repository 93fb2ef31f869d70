import { Body, Controller, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth-user.js';
import { CurrentUser, Roles } from '../common/decorators/auth.decorators.js';
import { Scopes } from '../common/decorators/scopes.decorator.js';
import { ApiRoute } from '../common/http/api-route.decorator.js';
import { CheckInService } from './check-in.service.js';
import { CheckInDto, CheckInResponseDto } from './dto/check-in.dto.js';

@ApiTags('repairs')
@Controller('repairs')
export class CounterController {
  constructor(private readonly checkIns: CheckInService) {}

  @Post('check-in')
  @Scopes('repairs:write')
  @Roles('technician', 'admin')
  @ApiRoute({
    summary: 'Check a walk-in customer’s device in at the counter',
    description:
      'Finds the customer by email (case-insensitive), else by phone, or creates one from an email, a phone or both; a customer found without an email gets the one given. A customer with an email and no password is emailed an invitation to set one; a phone-only customer is not (`invitation: no_email`) and follows the repair through its `trackingUrl`. Exactly one of `device` (new) and `deviceId` (one of the customer’s). The repair starts `submitted`; a technician checking it in is assigned unless `assignToMe` is false. Answers the repair as staff see it, with its `trackingUrl` and `invitation`.',
    auth: 'technician, admin',
    created: CheckInResponseDto,
    errors: [404, 409],
  })
  checkIn(@CurrentUser() user: AuthUser, @Body() body: CheckInDto) {
    return this.checkIns.checkIn(user, body);
  }
}
