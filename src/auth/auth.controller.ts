import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { AuthService } from './auth.service';
import { CurrentUser, Public } from './decorators';
import { AuthUser } from './auth-user';

class LoginDto {
  @ApiProperty({ example: 'admin@seatkeeper.local' })
  @IsString()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Seatkeeper-Admin-1' })
  @IsString()
  @MaxLength(200)
  password: string;
}

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('login')
  @HttpCode(200)
  login(@Body() dto: LoginDto) {
    return this.auth.login(dto.email, dto.password);
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentUser() user: AuthUser): AuthUser {
    return user;
  }
}
