import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../common/decorators/auth.decorators.js';
import { TrackingThrottle } from '../common/decorators/tracking-throttle.decorator.js';
import { ApiRoute } from '../common/http/api-route.decorator.js';
import { PublicTrackingViewDto } from './dto/tracking.dto.js';
import { PublicTrackingService } from './public-tracking.service.js';

@ApiTags('tracking')
@Controller('public/track')
export class PublicTrackingController {
  constructor(private readonly tracking: PublicTrackingService) {}

  @Public()
  @TrackingThrottle()
  @Get(':token')
  @ApiRoute({
    summary: 'A repair’s public status page',
    description:
      'No sign-in: the token is the credential. Ticket number, status, the status timeline, the newest quote and the shop’s pickup details; nothing else. Unknown or replaced tokens → 404. Rate limited per IP on a budget of its own; the token is kept out of the logs.',
    auth: 'public',
    ok: PublicTrackingViewDto,
    errors: [404],
  })
  view(@Param('token') token: string) {
    return this.tracking.view(token);
  }
}
