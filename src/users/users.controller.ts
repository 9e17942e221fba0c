import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { mapPage } from '@libs/pagination';
import { CurrentUser, RequirePermissions } from '../auth/decorators';
import { AuthUser } from '../auth/auth-user';
import { UuidParam } from '../common/validation';
import { CreateUserDto, UpdateUserDto, UserDto, UserListQueryDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@RequirePermissions('users:manage')
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  async list(@Query() query: UserListQueryDto) {
    return mapPage(await this.users.list(query), UserDto.from);
  }

  @Get(':id')
  async get(@UuidParam() id: string): Promise<UserDto> {
    return UserDto.from(await this.users.get(id));
  }

  @Post()
  async create(@Body() dto: CreateUserDto): Promise<UserDto> {
    return UserDto.from(await this.users.create(dto));
  }

  @Patch(':id')
  async update(
    @CurrentUser() actor: AuthUser,
    @UuidParam() id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserDto> {
    return UserDto.from(await this.users.update(actor, id, dto));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentUser() actor: AuthUser, @UuidParam() id: string): Promise<void> {
    await this.users.remove(actor, id);
  }
}
