import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/decorators/auth.decorators.js';
import { ApiRoute } from '../common/http/api-route.decorator.js';
import { CounterCustomerDto, CustomerLookupQueryDto } from './dto/customer-lookup.dto.js';
import { CustomerLookupService } from './customer-lookup.service.js';

@ApiTags('repairs')
@Controller('counter')
export class CustomerLookupController {
  constructor(private readonly lookup: CustomerLookupService) {}

  @Get('customers')
  @Roles('technician', 'admin')
  @ApiRoute({
    summary: 'Find a walk-in customer at the counter',
    description: 'Active customers whose name or email contains `q` (case-insensitive), or whose phone number contains its digits; at most 8, each with their devices (no serials).',
    auth: 'technician, admin',
    ok: [CounterCustomerDto],
  })
  search(@Query() query: CustomerLookupQueryDto) {
    return this.lookup.search(query.q);
  }
}
