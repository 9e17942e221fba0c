import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { mapPage } from '@libs/pagination';
import { CurrentUser, RequirePermissions } from '../auth/decorators';
import { AuthUser } from '../auth/auth-user';
import { UuidParam } from '../common/validation';
import { PageDto } from '../common/page.dto';
import { CreatePersonDto, PersonDto, PersonListQueryDto, UpdatePersonDto } from './dto/person.dto';
import { PersonsService } from './persons.service';

@ApiTags('persons')
@ApiBearerAuth()
@Controller('api/v1/persons')
export class PersonsController {
  constructor(private readonly persons: PersonsService) {}

  @Get()
  @RequirePermissions('persons:read')
  @ApiOkResponse({ type: PageDto(PersonDto) })
  async list(@CurrentUser() actor: AuthUser, @Query() query: PersonListQueryDto) {
    return mapPage(await this.persons.list(actor, query), PersonDto.from);
  }

  @Get(':id')
  @RequirePermissions('persons:read')
  async get(@CurrentUser() actor: AuthUser, @UuidParam() id: string): Promise<PersonDto> {
    return PersonDto.from(await this.persons.get(actor, id));
  }

  @Post()
  @RequirePermissions('persons:write')
  async create(@Body() dto: CreatePersonDto): Promise<PersonDto> {
    return PersonDto.from(await this.persons.create(dto));
  }

  @Patch(':id')
  @RequirePermissions('persons:write')
  async update(
    @CurrentUser() actor: AuthUser,
    @UuidParam() id: string,
    @Body() dto: UpdatePersonDto,
  ): Promise<PersonDto> {
    return PersonDto.from(await this.persons.update(actor, id, dto));
  }

  @Delete(':id')
  @RequirePermissions('persons:write')
  @HttpCode(204)
  async remove(@CurrentUser() actor: AuthUser, @UuidParam() id: string): Promise<void> {
    await this.persons.remove(actor, id);
  }
}
