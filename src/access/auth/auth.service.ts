import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { UnauthorizedError } from '@libs/errors';
import { UsersService } from '../users/users.service';
import { UserDto } from '../users/dto/user.dto';
import { AuditService } from '../audit/audit.service';
import { LoginResultDto, MAX_EMAIL_LENGTH } from './dto/auth.dto';
import { AuthErrorCode } from './auth.errors';
import { TokenPayload } from './jwt.strategy';
import { LoginThrottle, LoginThrottledError } from './login-throttle';

/** Why a login was refused, as its audit event says. */
type LoginRefusal = 'wrong_credentials' | 'throttled';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly throttle: LoginThrottle,
  ) {}

  /** Every attempt, throttled, failed or successful, is an audit event (never with the password). */
  async login(email: string, password: string, clientIp: string): Promise<LoginResultDto> {
    const wait = this.throttle.secondsToWait(email, clientIp);
    if (wait > 0) {
      await this.recordRefusal(email, 'throttled');
      throw new LoginThrottledError(wait);
    }
    const attempt = this.throttle.begin(email, clientIp);
    const user = await this.users.verifyCredentials(email, password);
    if (!user) {
      await this.recordRefusal(email, 'wrong_credentials');
      throw new UnauthorizedError('Wrong email or password.', AuthErrorCode.INVALID_CREDENTIALS);
    }
    this.throttle.succeeded(attempt);
    const payload: TokenPayload = { sub: user.id, ver: user.tokenVersion };
    const accessToken = await this.jwt.signAsync(payload);
    const { exp, iat } = this.jwt.decode<{ exp: number; iat: number }>(accessToken);
    await this.audit.record({
      actorId: user.id,
      action: 'login',
      entity: 'user',
      entityId: user.id,
      after: { email: user.email },
    });
    return { accessToken, expiresIn: exp - iat, user: UserDto.from(user) };
  }

  /** Names the account when the email belongs to one; keeps the email as typed, bounded. */
  private async recordRefusal(email: string, reason: LoginRefusal): Promise<void> {
    // jsonb holds no NUL character.
    const typed = email
      .trim()
      .replace(/\u0000/g, '')
      .slice(0, MAX_EMAIL_LENGTH);
    await this.audit.record({
      action: 'login_failed',
      entity: 'user',
      entityId: await this.users.findIdByEmail(typed),
      after: { email: typed, reason },
    });
  }
}
