import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { CUSTOMER_LOOKUP_MIN, DEVICE_TYPES, type CounterCustomer, type CounterDevice, type CustomerLookupQuery, type DeviceType } from '@repairhub/contracts';

export class CustomerLookupQueryDto implements CustomerLookupQuery {
  @ApiProperty({ minLength: CUSTOMER_LOOKUP_MIN, maxLength: 100, description: 'Part of the name or email, or of the phone number in any format' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString() @MinLength(CUSTOMER_LOOKUP_MIN, { message: `q must be at least ${CUSTOMER_LOOKUP_MIN} characters` }) @MaxLength(100)
  q: string;
}

export class CounterDeviceDto implements CounterDevice {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: DEVICE_TYPES }) type: DeviceType;
  @ApiProperty() brand: string;
  @ApiProperty() model: string;
}

export class CounterCustomerDto implements CounterCustomer {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true, description: 'Null for a customer checked in with only a phone number.' }) email: string | null;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty({ type: [CounterDeviceDto] }) devices: CounterDeviceDto[];
}
