import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth-user.js';
import { CurrentUser, Roles } from '../common/decorators/auth.decorators.js';
import { ApiRoute } from '../common/http/api-route.decorator.js';
import { PageQueryDto } from '../common/http/pagination.js';
import { DevicesService } from './devices.service.js';
import {
  CreateDeviceDto,
  DevicePageDto,
  DeviceViewDto,
  GetDeviceQueryDto,
  ListDevicesQueryDto,
  SearchDevicesDto,
  SerialAccessLogPageDto,
  UpdateDeviceDto,
} from './dto/device.dto.js';

const uuid = new ParseUUIDPipe();

@ApiTags('devices')
@Controller('devices')
export class DevicesController {
  constructor(private readonly devices: DevicesService) {}

  @Post()
  @Roles('customer')
  @ApiRoute({ summary: 'Register one of my devices', auth: 'customer', created: DeviceViewDto })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateDeviceDto) {
    return this.devices.create(user, body);
  }

  @Get()
  @ApiRoute({
    summary: 'List devices, newest first',
    description: 'Customers: their own. Technicians: devices of repair requests they can see. Admins: all, optionally one owner’s.',
    auth: 'any',
    ok: DevicePageDto,
    errors: [403],
  })
  list(@CurrentUser() user: AuthUser, @Query() query: ListDevicesQueryDto) {
    return this.devices.list(user, query);
  }

  @Post('search')
  @ApiRoute({
    summary: 'Find devices by exact serial number',
    description: 'The serial travels in the body so it never appears in URLs or access logs. Same visibility as the list.',
    auth: 'any',
    ok: DevicePageDto,
  })
  search(@CurrentUser() user: AuthUser, @Body() body: SearchDevicesDto, @Query() query: PageQueryDto) {
    return this.devices.searchBySerial(user, body.serialNumber, query);
  }

  @Get(':id')
  @ApiRoute({
    summary: 'A device',
    description: 'The serial is masked unless `reveal=true`; every staff reveal is recorded in the device’s serial access log.',
    auth: 'any',
    ok: DeviceViewDto,
    errors: [404],
  })
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Query() query: GetDeviceQueryDto) {
    return this.devices.get(user, id, query.reveal === true);
  }

  @Patch(':id')
  @Roles('customer')
  @ApiRoute({ summary: 'Change one of my devices', auth: 'customer', ok: DeviceViewDto, errors: [404] })
  update(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() body: UpdateDeviceDto) {
    return this.devices.update(user, id, body);
  }

  @Delete(':id')
  @Roles('customer')
  @ApiRoute({ summary: 'Delete one of my devices (only without repair requests)', auth: 'customer', noContent: true, errors: [404, 409] })
  async remove(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<void> {
    await this.devices.remove(user, id);
  }

  @Get(':id/serial-access-log')
  @Roles('admin')
  @ApiRoute({ summary: 'Who revealed this device’s serial, newest first', auth: 'admin', ok: SerialAccessLogPageDto, errors: [404] })
  accessLog(@Param('id', uuid) id: string, @Query() query: PageQueryDto) {
    return this.devices.accessLog(id, query);
  }
}
