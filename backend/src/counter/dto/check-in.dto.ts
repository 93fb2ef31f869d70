import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import {
  ACCESSORIES_MAX_COUNT,
  CHECK_IN_INVITATIONS,
  ACCESSORY_MAX,
  DEPOSIT_NOTE_MAX,
  DEVICE_CONDITION_MAX,
  ISSUE_DESCRIPTION_MAX,
  ISSUE_DESCRIPTION_MIN,
  NAME_MAX_LENGTH,
  PHONE_MAX,
  URGENCIES,
  type CheckInCustomer,
  type CheckInInvitation,
  type CheckInRequest,
  type CheckInResponse,
  type Urgency,
} from '@repairhub/contracts';
import { emailProblem, nameProblem, normalizeEmail, normalizeName } from '../../common/identity-text.js';
import { CreateDeviceDto } from '../../devices/dto/device.dto.js';
import { RepairDetailDto } from '../../repairs/dto/repair.dto.js';
import { FreeOf } from '../../users/dto/user.dto.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const trimEach = ({ value }: { value: unknown }) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value);

export class CheckInCustomerDto implements CheckInCustomer {
  @ApiProperty({ example: 'Ada Lovelace', maxLength: NAME_MAX_LENGTH })
  @Transform(({ value }) => (typeof value === 'string' ? normalizeName(value) : value))
  @IsString() @MinLength(1, { message: 'name must not be empty' }) @MaxLength(NAME_MAX_LENGTH) @FreeOf('safeName', nameProblem)
  name: string;

  @ApiPropertyOptional({ example: 'ada@example.com', maxLength: 254, description: 'Matched case- and form-insensitively. A new customer needs this or `phone`; only one with an email is invited to set a password.' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? normalizeEmail(value) : value))
  @IsEmail({}, { message: 'email must be a valid email address' }) @MaxLength(254) @FreeOf('safeEmail', emailProblem)
  email?: string;

  @ApiPropertyOptional({ example: '+44 20 7946 0958', maxLength: PHONE_MAX, description: 'Matched on its digits (and a leading +), however it is formatted.' })
  @IsOptional() @Transform(trim) @IsString() @MinLength(1, { message: 'phone must not be empty' }) @MaxLength(PHONE_MAX)
  phone?: string;
}

export class CheckInDto implements CheckInRequest {
  @ApiProperty({ type: CheckInCustomerDto })
  @ValidateNested() @Type(() => CheckInCustomerDto)
  customer: CheckInCustomerDto;

  @ApiPropertyOptional({ type: CreateDeviceDto, description: 'A new device of the customer; or name one of theirs with `deviceId`.' })
  @IsOptional() @ValidateNested() @Type(() => CreateDeviceDto)
  device?: CreateDeviceDto;

  @ApiPropertyOptional({ format: 'uuid', description: 'One of the customer’s devices.' })
  @IsOptional() @IsUUID('all')
  deviceId?: string;

  @ApiProperty({ minLength: ISSUE_DESCRIPTION_MIN, maxLength: ISSUE_DESCRIPTION_MAX })
  @Transform(trim) @IsString()
  @MinLength(ISSUE_DESCRIPTION_MIN, { message: `issueDescription must be at least ${ISSUE_DESCRIPTION_MIN} characters` })
  @MaxLength(ISSUE_DESCRIPTION_MAX)
  issueDescription: string;

  @ApiProperty({ enum: URGENCIES })
  @IsIn(URGENCIES, { message: `urgency must be one of ${URGENCIES.join(', ')}` })
  urgency: Urgency;

  @ApiPropertyOptional({ maxLength: DEVICE_CONDITION_MAX, example: 'Scratched back, dent on the top left corner.' })
  @IsOptional() @Transform(trim) @IsString() @MaxLength(DEVICE_CONDITION_MAX)
  condition?: string;

  @ApiPropertyOptional({ type: [String], maxItems: ACCESSORIES_MAX_COUNT, example: ['Charger', 'Case'] })
  @IsOptional() @Transform(trimEach) @IsArray() @ArrayMaxSize(ACCESSORIES_MAX_COUNT)
  @IsString({ each: true }) @MinLength(1, { each: true, message: 'accessories must not contain empty names' }) @MaxLength(ACCESSORY_MAX, { each: true })
  accessories?: string[];

  @ApiPropertyOptional({ maxLength: DEPOSIT_NOTE_MAX, example: '£20 cash deposit, receipt 117' })
  @IsOptional() @Transform(trim) @IsString() @MaxLength(DEPOSIT_NOTE_MAX)
  depositNote?: string;

  @ApiPropertyOptional({ default: true, description: 'A technician checking in takes the repair unless this is false; ignored for admins.' })
  @IsOptional() @IsBoolean()
  assignToMe?: boolean;
}

export class CheckInResponseDto extends RepairDetailDto implements CheckInResponse {
  @ApiProperty({
    enum: CHECK_IN_INVITATIONS,
    description: '`sent`: the customer was emailed an invitation to set a password; `has_password`: they sign in already; `no_email`: a phone-only customer, not invited (the tracking link on the printed slip is how they follow the repair).',
  })
  invitation: CheckInInvitation;
}
