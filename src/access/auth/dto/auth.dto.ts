import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { Role, ROLES } from '../../../platform/access/roles';
import { UserDto } from '../../users/dto/user.dto';
import { AuthUser } from '../../../platform/access/auth-user';

/** The longest email address (RFC 5321); also bounds the email an audit event keeps of a failed login. */
export const MAX_EMAIL_LENGTH = 254;

export class LoginDto {
  @ApiProperty({ example: 'admin@seatkeeper.local', maxLength: MAX_EMAIL_LENGTH })
  @IsString()
  @MaxLength(MAX_EMAIL_LENGTH)
  email: string;

  @ApiProperty({ example: 'Seatkeeper-Admin-1', maxLength: 200 })
  @IsString()
  @MaxLength(200)
  password: string;
}

export class LoginResultDto {
  @ApiProperty({ description: 'bearer token for the Authorization header' })
  accessToken: string;

  @ApiProperty({ type: 'integer', example: 3600, description: 'seconds until the token expires' })
  expiresIn: number;

  @ApiProperty({ type: UserDto })
  user: UserDto;
}

/** The caller, as GET /auth/me answers. */
export class CurrentUserDto implements AuthUser {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'set for a department_head' })
  orgUnitId: string | null;

  static from({ id, email, displayName, role, orgUnitId }: AuthUser): CurrentUserDto {
    return { id, email, displayName, role, orgUnitId };
  }
}
