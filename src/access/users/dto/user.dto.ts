import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ListQueryDto } from '../../../platform/http/list-query.dto';
import { User } from '../user.entity';
import { Role, ROLES } from '../../../platform/access/roles';

export const MIN_PASSWORD_LENGTH = 12;

export class CreateUserDto {
  @ApiProperty({ example: 'ann.lee@example.com' })
  @MaxLength(254)
  @IsEmail() // nearest the property: checked first (see VALIDATOR_OPTIONS)
  email: string;

  @ApiProperty({ example: 'Ann Lee' })
  @MaxLength(200)
  @MinLength(1)
  @IsString()
  displayName: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'required for a department_head',
  })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string | null;

  @ApiProperty({ writeOnly: true, minLength: MIN_PASSWORD_LENGTH })
  @MaxLength(200)
  @MinLength(MIN_PASSWORD_LENGTH, {
    message: `password must be at least ${MIN_PASSWORD_LENGTH} characters long`,
  })
  @IsString()
  password: string;
}

export class UpdateUserDto extends PartialType(CreateUserDto, { skipNullProperties: false }) {}

export class UserListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'set for a department_head' })
  orgUnitId: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;

  static from(user: User): UserDto {
    const { id, email, displayName, role, orgUnitId, createdAt, updatedAt } = user;
    return { id, email, displayName, role, orgUnitId, createdAt, updatedAt };
  }
}
