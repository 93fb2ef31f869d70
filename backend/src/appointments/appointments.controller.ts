import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth-user.js';
import { CurrentUser, Roles } from '../common/decorators/auth.decorators.js';
import { ApiRoute } from '../common/http/api-route.decorator.js';
import { AppointmentSlots } from './appointment-slots.service.js';
import { DropOffs } from './drop-offs.service.js';
import { AppointmentSlotsQueryDto, AppointmentSlotsViewDto, DropOffDayQueryDto, DropOffDayViewDto, DropOffViewDto, RescheduleDropOffDto } from './dto/appointment.dto.js';

const uuid = new ParseUUIDPipe();

@ApiTags('appointments')
@Controller()
export class AppointmentsController {
  constructor(
    private readonly slots: AppointmentSlots,
    private readonly dropOffs: DropOffs,
  ) {}

  @Get('appointments/slots')
  @ApiRoute({
    summary: 'Drop-off slots that may be booked',
    description:
      'Slots of `SHOP_SLOT_MINUTES` within the opening hours, local to `SHOP_TIMEZONE`, from today up to `SHOP_BOOKING_DAYS` ahead; past slots and closed days are never listed. `free` is false once `SHOP_SLOT_CAPACITY` bookings hold the slot. Book one with `dropOffAt` on `POST /repairs`.',
    auth: 'any',
    ok: AppointmentSlotsViewDto,
  })
  list(@Query() query: AppointmentSlotsQueryDto) {
    return this.slots.list(query.from, query.days);
  }

  @Get('appointments')
  @Roles('technician', 'admin')
  @ApiRoute({
    summary: 'A day’s drop-offs',
    description: 'Standing drop-off bookings of one local day, earliest first. Technicians see those of repairs they may open (unassigned new requests and their own); admins all.',
    auth: 'technician, admin',
    ok: DropOffDayViewDto,
  })
  day(@CurrentUser() user: AuthUser, @Query() query: DropOffDayQueryDto) {
    return this.dropOffs.day(user, query.date);
  }

  @Put('repairs/:id/drop-off')
  @Roles('customer')
  @ApiRoute({
    summary: 'Book or move the drop-off of my repair',
    description: 'The old slot is freed and the new one booked in one transaction; a full slot → 409 `APPOINTMENT.SLOT_TAKEN` and the old booking stands.',
    auth: 'customer',
    ok: DropOffViewDto,
    errors: [404, 409],
  })
  reschedule(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() body: RescheduleDropOffDto) {
    return this.dropOffs.reschedule(user, id, body.dropOffAt);
  }

  @Delete('repairs/:id/drop-off')
  @Roles('customer')
  @ApiRoute({ summary: 'Cancel the drop-off of my repair', description: 'Frees the slot; the repair stays open.', auth: 'customer', noContent: true, errors: [404, 409] })
  cancel(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.dropOffs.cancel(user, id);
  }
}
