import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth-user.js';
import { CurrentUser, Roles } from '../common/decorators/auth.decorators.js';
import { Scopes } from '../common/decorators/scopes.decorator.js';
import { ApiRoute } from '../common/http/api-route.decorator.js';
import { AssignRepairDto, ChangeRepairStatusDto, CreateRepairDto, ListRepairsQueryDto, RepairDetailDto, RepairPageDto } from './dto/repair.dto.js';
import { RepairReferencePipe } from './repair-reference.pipe.js';
import { RepairCancellationWorkflow } from './repair-cancellation.workflow.js';
import { RepairsService } from './repairs.service.js';

const uuid = new ParseUUIDPipe();

@ApiTags('repairs')
@Controller('repairs')
export class RepairsController {
  constructor(
    private readonly repairs: RepairsService,
    private readonly cancellation: RepairCancellationWorkflow,
  ) {}

  @Post()
  @Roles('customer')
  @ApiRoute({ summary: 'Request a repair for one of my devices', auth: 'customer', created: RepairDetailDto, errors: [404, 409] })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateRepairDto) {
    return this.repairs.create(user, body);
  }

  @Get()
  @Scopes('repairs:read')
  @ApiRoute({
    summary: 'List repair requests',
    description:
      'Customers: their own, newest first. Technicians: their queue, the unassigned submitted requests and those assigned to them, most urgent first, then oldest. Admins: all, newest first. `q` searches (staff only: a customer sending it gets 403).',
    auth: 'any',
    ok: RepairPageDto,
  })
  list(@CurrentUser() user: AuthUser, @Query() query: ListRepairsQueryDto) {
    return this.repairs.list(user, query);
  }

  @Get(':id')
  @Scopes('repairs:read')
  @ApiRoute({
    summary: 'A repair request with its device, quotes and status history',
    description: 'Named by its id or its ticket number (`R-1042`, any case). Visible to the owner, the assigned technician, any technician while it is unassigned and submitted, and admins.',
    auth: 'any',
    ok: RepairDetailDto,
    errors: [404],
  })
  get(@CurrentUser() user: AuthUser, @Param('id', RepairReferencePipe) id: string) {
    return this.repairs.get(user, id);
  }

  @Post(':id/assign')
  @Scopes('repairs:write')
  @Roles('technician', 'admin')
  @ApiRoute({
    summary: 'Assign a repair request',
    description: 'Technicians take an unassigned request for themselves; admins assign any open request to an active technician.',
    auth: 'technician, admin',
    ok: RepairDetailDto,
    errors: [404, 409],
  })
  assign(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() body: AssignRepairDto) {
    return this.repairs.assign(user, id, body.technicianId);
  }

  @Post(':id/status')
  @Scopes('repairs:write')
  @ApiRoute({
    summary: 'Move a repair request to another status',
    description:
      'Only the moves of the status machine for your role on this request: the assigned technician and admins move the work forward or cancel; the owner may cancel before work is approved. `quoted` and `approved` follow from quotes and payments. Concurrent conflicting changes: one wins, the others get 409.',
    auth: 'any',
    ok: RepairDetailDto,
    errors: [403, 404, 409],
  })
  changeStatus(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() body: ChangeRepairStatusDto) {
    const note = body.note || null;
    if (body.status === 'cancelled') return this.cancellation.cancel(user, id, note);
    return this.repairs.changeStatus(user, id, body.status, note);
  }

  @Post(':id/tracking-link')
  @Scopes('repairs:write')
  @ApiRoute({
    summary: 'Replace the repair’s public tracking link',
    description: 'Staff who can see the repair, or its owner. The old link stops working at once (404).',
    auth: 'any',
    created: RepairDetailDto,
    errors: [404],
  })
  replaceTrackingLink(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.repairs.replaceTrackingLink(user, id);
  }
}
