import { createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../../platform/config/app-config';
import { UsersService } from '../users/users.service';
import { AuthUser } from '../../platform/access/auth-user';

/** What a token carries: the user and their token version when it was issued. */
export interface TokenPayload {
  sub: string;
  ver: number;
}

/**
 * Verifies the bearer token and loads its user, so a deleted user, a changed role
 * or org unit, and a changed password (a new token version) take effect at once
 * rather than when the token expires.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    config: AppConfig,
    private readonly users: UsersService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject: given a string, jsonwebtoken first tries it as a public key and builds a
      // secret key from it after that throws, on every request (5% of the server's CPU under load).
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret)) as unknown as string,
      algorithms: ['HS256'],
    });
  }

  async validate(payload: Partial<TokenPayload>): Promise<AuthUser | false> {
    if (typeof payload.sub !== 'string' || !Number.isInteger(payload.ver)) return false;
    return (await this.users.findAuthUser(payload.sub, payload.ver as number)) ?? false;
  }
}
