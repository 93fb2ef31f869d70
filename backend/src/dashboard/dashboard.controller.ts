import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/decorators/auth.decorators.js';
import { Scopes } from '../common/decorators/scopes.decorator.js';
import { ApiRoute } from '../common/http/api-route.decorator.js';
import { DashboardService } from './dashboard.service.js';
import {
  DashboardWindowQueryDto,
  OpenRequestsViewDto,
  RevenueQueryDto,
  StaleQuotesQueryDto,
  StaleQuotesViewDto,
  StatusDurationsViewDto,
  WeeklyRevenueViewDto,
} from './dto/dashboard.dto.js';

@ApiTags('dashboard')
@Roles('admin')
@Scopes('dashboard:read')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get('open-requests')
  @ApiRoute({ summary: 'Open repair requests counted by status and urgency', auth: 'admin', ok: OpenRequestsViewDto })
  openRequests() {
    return this.dashboard.openRequests();
  }

  @Get('status-durations')
  @ApiRoute({
    summary: 'Median time repairs spend in each status',
    description: 'From the status history; a stint counts once it has ended within the window.',
    auth: 'admin',
    ok: StatusDurationsViewDto,
  })
  statusDurations(@Query() query: DashboardWindowQueryDto) {
    return this.dashboard.statusDurations(query.days);
  }

  @Get('stale-quotes')
  @ApiRoute({ summary: 'Quotes waiting for the customer longer than `hours` (48 by default)', auth: 'admin', ok: StaleQuotesViewDto })
  staleQuotes(@Query() query: StaleQuotesQueryDto) {
    return this.dashboard.staleQuotes(query.hours, query.limit);
  }

  @Get('revenue')
  @ApiRoute({
    summary: 'Revenue and refunds per week and currency',
    description: 'Revenue: payments that took the money, by the week they were made. Refunds: confirmed refunds, by the week they were asked for. Weeks start on Monday (UTC).',
    auth: 'admin',
    ok: WeeklyRevenueViewDto,
  })
  revenue(@Query() query: RevenueQueryDto) {
    return this.dashboard.weeklyRevenue(query.weeks);
  }
}
