import { ApiProperty } from '@nestjs/swagger';
import { CURRENCIES, WEEKDAYS, type Currency, type OpeningHours, type ShopView, type Weekday } from '@repairhub/contracts';

export class OpeningHoursDto implements OpeningHours {
  @ApiProperty({ enum: WEEKDAYS, isArray: true, example: ['mon', 'tue', 'wed', 'thu', 'fri'] }) days: Weekday[];
  @ApiProperty({ example: '09:00', description: '24-hour local time.' }) opens: string;
  @ApiProperty({ example: '18:00', description: '24-hour local time.' }) closes: string;
}

export class ShopViewDto implements ShopView {
  @ApiProperty({ example: 'RepairHub' }) name: string;
  @ApiProperty({ example: '12 Harbour Street, Springfield' }) address: string;
  @ApiProperty({ type: [OpeningHoursDto], description: 'Days not listed are closed.' }) openingHours: OpeningHours[];
  @ApiProperty({ enum: CURRENCIES, example: 'usd' }) currency: Currency;
  @ApiProperty({ enum: CURRENCIES, isArray: true, example: ['usd'], description: 'Currencies quotes may be issued in, the shop’s own first.' })
  currencies: Currency[];
}
