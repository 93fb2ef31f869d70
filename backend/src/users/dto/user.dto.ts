import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
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
import { PageQueryDto } from '../../common/http/pagination.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class EmailPasswordFields {
  @ApiProperty({ example: 'ada@example.com', maxLength: 254 })
  @Transform(lower) @IsEmail({}, { message: 'email must be a valid email address' }) @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH, format: 'password' })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH, { message: `password must be at least ${PASSWORD_MIN_LENGTH} characters` })
  @MaxLength(PASSWORD_MAX_LENGTH, { message: `password must be at most ${PASSWORD_MAX_LENGTH} characters` })
  password: string;
}

export class NameField extends EmailPasswordFields {
  @ApiProperty({ example: 'Ada Lovelace', maxLength: NAME_MAX_LENGTH })
  @Transform(trim) @IsString() @MinLength(1, { message: 'name must not be empty' }) @MaxLength(NAME_MAX_LENGTH)
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
  @IsOptional() @Transform(trim) @IsString() @MinLength(1) @MaxLength(NAME_MAX_LENGTH)
  name?: string;
}

export class ListUsersQueryDto extends PageQueryDto implements ListUsersQuery {
  @ApiPropertyOptional({ description: 'Matches email or name, case-insensitive' })
  @IsOptional() @IsString() @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional() @IsIn(ROLES)
  role?: Role;
}

export class UserViewDto implements UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
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
