import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { UnauthorizedError } from '@libs/errors';
import { UsersService } from '../users/users.service';
import { UserDto } from '../users/dto/user.dto';
import { AuditService } from '../audit/audit.service';

export interface LoginResult {
  accessToken: string;
  expiresIn: number;
  user: UserDto;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
  ) {}

  /** Every attempt, successful or not, is an audit event (never with the password). */
  async login(email: string, password: string): Promise<LoginResult> {
    const user = await this.users.verifyCredentials(email, password);
    if (!user) {
      await this.audit.recordLogin(email, null);
      throw new UnauthorizedError('Wrong email or password.', 'INVALID_CREDENTIALS');
    }
    const accessToken = await this.jwt.signAsync({ sub: user.id, role: user.role });
    const { exp, iat } = this.jwt.decode<{ exp: number; iat: number }>(accessToken);
    await this.audit.recordLogin(user.email, user.id);
    return { accessToken, expiresIn: exp - iat, user: UserDto.from(user) };
  }
}
