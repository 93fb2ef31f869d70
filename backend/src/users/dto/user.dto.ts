import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateBy } from 'class-validator';
import {
  NAME_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  ROLES,
  type CreateUserRequest,
  type ListUsersQuery,
  type Role,
  type UpdateUserRequest,
  type UserView,
} from '@repairhub/contracts';
import { emailProblem, nameProblem, normalizeEmail, normalizeName } from '../../common/identity-text.js';
import { PageQueryDto } from '../../common/http/pagination.js';

const email = ({ value }: { value: unknown }) => (typeof value === 'string' ? normalizeEmail(value) : value);
const name = ({ value }: { value: unknown }) => (typeof value === 'string' ? normalizeName(value) : value);

/** Refuses what `problem` names (hidden characters, look-alike scripts), with its message. */
export const FreeOf = (constraint: string, problem: (value: string) => string | null) =>
  ValidateBy({
    name: constraint,
    validator: {
      validate: (value) => typeof value !== 'string' || problem(value) === null,
      defaultMessage: (args) => problem(String(args?.value)) ?? `${constraint} failed`,
    },
  });

export class EmailPasswordFields {
  @ApiProperty({
    example: 'ada@example.com',
    maxLength: 254,
    description: 'Stored and matched NFKC-normalized, lower-cased, the domain in IDNA ASCII form. Refused: invisible and text-direction characters, Latin/Cyrillic/Greek mixed within one part.',
  })
  @Transform(email) @IsEmail({}, { message: 'email must be a valid email address' }) @MaxLength(254) @FreeOf('safeEmail', emailProblem)
  email: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH, format: 'password' })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH, { message: `password must be at least ${PASSWORD_MIN_LENGTH} characters` })
  @MaxLength(PASSWORD_MAX_LENGTH, { message: `password must be at most ${PASSWORD_MAX_LENGTH} characters` })
  password: string;
}

export class NameField extends EmailPasswordFields {
  @ApiProperty({ example: 'Ada Lovelace', maxLength: NAME_MAX_LENGTH, description: 'Any script; invisible and text-direction characters are refused.' })
  @Transform(name) @IsString() @MinLength(1, { message: 'name must not be empty' }) @MaxLength(NAME_MAX_LENGTH) @FreeOf('safeName', nameProblem)
  name: string;
}

export class CreateUserDto extends NameField implements CreateUserRequest {
  @ApiProperty({ enum: ['technician', 'admin'] })
  @IsIn(['technician', 'admin'], { message: 'role must be technician or admin' })
  role: 'technician' | 'admin';
}

export class UpdateUserDto implements UpdateUserRequest {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional() @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ description: 'false deactivates the account and ends its sessions at once' })
  @IsOptional() @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ maxLength: NAME_MAX_LENGTH })
  @IsOptional() @Transform(name) @IsString() @MinLength(1) @MaxLength(NAME_MAX_LENGTH) @FreeOf('safeName', nameProblem)
  name?: string;
}

export class ListUsersQueryDto extends PageQueryDto implements ListUsersQuery {
  @ApiPropertyOptional({ description: 'Matches inside the email or name (case-insensitive), or a phone number (any format) inside the user’s' })
  @IsOptional() @IsString() @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional() @IsIn(ROLES)
  role?: Role;
}

export class UserViewDto implements UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true, description: 'Null for a customer checked in at the counter with only a phone number; staff always have one.' })
  email: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The phone number given at the counter, as digits with an optional leading +; null when none was given.' })
  phone: string | null;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() active: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ required: false, description: 'Only on GET /auth/me: non-essential emails on or off' }) emailNonEssential?: boolean;
}

export class UserPageDto {
  @ApiProperty({ type: [UserViewDto] }) items: UserViewDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
