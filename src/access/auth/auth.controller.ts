import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiErrorDto, ApiErrorResponses } from '../../platform/http/http-exception.filter';
import { AuthService } from './auth.service';
import { AnyRole, CurrentUser, Public } from '../../platform/access/decorators';
import { AuthUser } from '../../platform/access/auth-user';
import { CurrentUserDto, LoginDto, LoginResultDto } from './dto/auth.dto';
import { LoginThrottledError } from './login-throttle';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResultDto })
  @ApiErrorResponses(400, 401)
  @ApiResponse({
    status: 429,
    type: ApiErrorDto,
    description: 'too many failed logins for this email or from this client IP; see Retry-After',
  })
  async login(
    @Body() dto: LoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResultDto> {
    try {
      // With TRUST_PROXY, req.ip is the client's address as the trusted proxies report it.
      return await this.auth.login(dto.email, dto.password, req.ip ?? '');
    } catch (error) {
      if (error instanceof LoginThrottledError) res.setHeader('Retry-After', error.retryAfterSeconds);
      throw error;
    }
  }

  @ApiBearerAuth()
  @AnyRole()
  @Get('me')
  @ApiOkResponse({ type: CurrentUserDto })
  @ApiErrorResponses(401)
  me(@CurrentUser() user: AuthUser): CurrentUserDto {
    return CurrentUserDto.from(user);
  }
}
