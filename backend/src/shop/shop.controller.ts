import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ShopView } from '@repairhub/contracts';
import { Public } from '../common/decorators/auth.decorators.js';
import { ApiRoute } from '../common/http/api-route.decorator.js';
import { AppConfig } from '../config/configuration.js';
import { ShopViewDto } from './dto/shop.dto.js';

@ApiTags('shop')
@Controller('shop')
export class ShopController {
  constructor(private readonly config: AppConfig) {}

  @Public()
  @Get()
  @ApiRoute({ summary: 'The shop', description: 'Name, address, opening hours and the currencies quotes may use (SHOP_* settings).', auth: 'public', ok: ShopViewDto })
  shop(): ShopView {
    return this.config.shop;
  }
}
