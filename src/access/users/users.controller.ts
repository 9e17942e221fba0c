import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { mapPage } from '@libs/pagination';
import { CurrentUser, RequirePermissions } from '../../platform/access/decorators';
import { AuthUser } from '../../platform/access/auth-user';
import { ApiErrorResponses } from '../../platform/http/http-exception.filter';
import { PageDto } from '../../platform/http/page.dto';
import { UuidParam } from '../../platform/http/validation';
import { CreateUserDto, UpdateUserDto, UserDto, UserListQueryDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@ApiErrorResponses(401, 403)
@RequirePermissions('users:manage')
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ type: PageDto(UserDto) })
  @ApiErrorResponses(400)
  async list(@Query() query: UserListQueryDto) {
    return mapPage(await this.users.list(query), UserDto.from);
  }

  @Get(':id')
  @ApiOkResponse({ type: UserDto })
  @ApiErrorResponses(400, 404)
  async get(@UuidParam() id: string): Promise<UserDto> {
    return UserDto.from(await this.users.get(id));
  }

  @Post()
  @ApiCreatedResponse({ type: UserDto })
  @ApiErrorResponses(400, 409)
  async create(@Body() dto: CreateUserDto): Promise<UserDto> {
    return UserDto.from(await this.users.create(dto));
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserDto, description: 'a new password ends the sessions of the old one' })
  @ApiErrorResponses(400, 404, 409)
  async update(
    @CurrentUser() actor: AuthUser,
    @UuidParam() id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserDto> {
    return UserDto.from(await this.users.update(actor, id, dto));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'deleted' })
  @ApiErrorResponses(400, 404, 409)
  async remove(@CurrentUser() actor: AuthUser, @UuidParam() id: string): Promise<void> {
    await this.users.remove(actor, id);
  }
}
