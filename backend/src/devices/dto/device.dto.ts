import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import {
  DEVICE_BRAND_MAX,
  DEVICE_MODEL_MAX,
  DEVICE_TYPES,
  ROLES,
  SERIAL_NUMBER_MAX,
  SERIAL_NUMBER_PATTERN,
  type CreateDeviceRequest,
  type DeviceType,
  type DeviceView,
  type GetDeviceQuery,
  type ListDevicesQuery,
  type Page,
  type Role,
  type SearchDevicesRequest,
  type SerialAccessLogEntry,
  type UpdateDeviceRequest,
} from '@repairhub/contracts';
import { PageQueryDto } from '../../common/http/pagination.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Present means validated, and `null` is refused: for fields that cannot be cleared. */
const present = (_: object, value: unknown) => value !== undefined;

// Messages never echo the serial: the validation pipe already drops values, these keep it that way.
const SERIAL_MESSAGE = `serialNumber must be 1-${SERIAL_NUMBER_MAX} letters, digits, spaces or . / _ : # -, starting with a letter or digit`;

const serialProperty = {
  description: 'Stored encrypted; answered masked (`•••• 1234`) unless revealed.',
  maxLength: SERIAL_NUMBER_MAX,
  example: 'C02XK1ZZJGH5',
};

export class CreateDeviceDto implements CreateDeviceRequest {
  @ApiProperty({ enum: DEVICE_TYPES })
  @IsIn(DEVICE_TYPES, { message: `type must be one of ${DEVICE_TYPES.join(', ')}` })
  type: DeviceType;

  @ApiProperty({ example: 'Apple', maxLength: DEVICE_BRAND_MAX })
  @Transform(trim) @IsString() @MinLength(1, { message: 'brand must not be empty' }) @MaxLength(DEVICE_BRAND_MAX)
  brand: string;

  @ApiProperty({ example: 'MacBook Pro 14 (2023)', maxLength: DEVICE_MODEL_MAX })
  @Transform(trim) @IsString() @MinLength(1, { message: 'model must not be empty' }) @MaxLength(DEVICE_MODEL_MAX)
  model: string;

  @ApiPropertyOptional(serialProperty)
  @IsOptional() @Transform(trim) @IsString({ message: SERIAL_MESSAGE }) @MaxLength(SERIAL_NUMBER_MAX, { message: SERIAL_MESSAGE })
  @Matches(SERIAL_NUMBER_PATTERN, { message: SERIAL_MESSAGE })
  serialNumber?: string;
}

export class UpdateDeviceDto implements UpdateDeviceRequest {
  @ApiPropertyOptional({ enum: DEVICE_TYPES })
  @ValidateIf(present) @IsIn(DEVICE_TYPES, { message: `type must be one of ${DEVICE_TYPES.join(', ')}` })
  type?: DeviceType;

  @ApiPropertyOptional({ maxLength: DEVICE_BRAND_MAX })
  @ValidateIf(present) @Transform(trim) @IsString() @MinLength(1, { message: 'brand must not be empty' }) @MaxLength(DEVICE_BRAND_MAX)
  brand?: string;

  @ApiPropertyOptional({ maxLength: DEVICE_MODEL_MAX })
  @ValidateIf(present) @Transform(trim) @IsString() @MinLength(1, { message: 'model must not be empty' }) @MaxLength(DEVICE_MODEL_MAX)
  model?: string;

  @ApiPropertyOptional({ ...serialProperty, nullable: true, type: String, description: `${serialProperty.description} \`null\` removes it.` })
  @IsOptional() @Transform(trim) @IsString({ message: SERIAL_MESSAGE }) @MaxLength(SERIAL_NUMBER_MAX, { message: SERIAL_MESSAGE })
  @Matches(SERIAL_NUMBER_PATTERN, { message: SERIAL_MESSAGE })
  serialNumber?: string | null;
}

export class ListDevicesQueryDto extends PageQueryDto implements ListDevicesQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Admins only: one customer’s devices.' })
  @IsOptional() @IsUUID('all')
  ownerId?: string;
}

export class GetDeviceQueryDto implements GetDeviceQuery {
  @ApiPropertyOptional({
    type: Boolean,
    description: 'Return the full serial. Allowed to the owner and to staff who can see the device; staff reveals are logged.',
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'reveal must be true or false' })
  reveal?: boolean;
}

export class SearchDevicesDto implements SearchDevicesRequest {
  @ApiProperty({ ...serialProperty, description: 'Exact serial; case and spaces are ignored.' })
  @Transform(trim) @IsString({ message: SERIAL_MESSAGE }) @MinLength(1, { message: SERIAL_MESSAGE })
  @MaxLength(SERIAL_NUMBER_MAX, { message: SERIAL_MESSAGE }) @Matches(SERIAL_NUMBER_PATTERN, { message: SERIAL_MESSAGE })
  serialNumber: string;
}

export class DeviceViewDto implements DeviceView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) ownerId: string;
  @ApiProperty({ enum: DEVICE_TYPES }) type: DeviceType;
  @ApiProperty() brand: string;
  @ApiProperty() model: string;
  @ApiProperty({ type: String, nullable: true, example: '•••• JGH5', description: 'Masked unless serialRevealed.' }) serialNumber: string | null;
  @ApiProperty() serialRevealed: boolean;
  @ApiProperty() hasSerial: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class DevicePageDto implements Page<DeviceView> {
  @ApiProperty({ type: [DeviceViewDto] }) items: DeviceViewDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class SerialAccessLogEntryDto implements SerialAccessLogEntry {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) deviceId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() userName: string;
  @ApiProperty({ enum: ROLES }) userRole: Role;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class SerialAccessLogPageDto implements Page<SerialAccessLogEntry> {
  @ApiProperty({ type: [SerialAccessLogEntryDto] }) items: SerialAccessLogEntryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
