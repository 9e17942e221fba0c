import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { mapPage } from '@libs/pagination';
import { CurrentUser, RequirePermissions } from '../../platform/access/decorators';
import { AuthUser } from '../../platform/access/auth-user';
import { ApiErrorResponses } from '../../platform/http/http-exception.filter';
import { UuidParam } from '../../platform/http/validation';
import { PageDto } from '../../platform/http/page.dto';
import { CreatePersonDto, PersonDto, PersonListQueryDto, UpdatePersonDto } from './dto/person.dto';
import { PersonsService } from './persons.service';

@ApiTags('persons')
@ApiBearerAuth()
@ApiErrorResponses(401, 403)
@Controller('api/v1/persons')
export class PersonsController {
  constructor(private readonly persons: PersonsService) {}

  @Get()
  @RequirePermissions('persons:read')
  @ApiErrorResponses(400)
  @ApiOkResponse({ type: PageDto(PersonDto) })
  async list(@CurrentUser() actor: AuthUser, @Query() query: PersonListQueryDto) {
    return mapPage(await this.persons.list(actor, query), PersonDto.from);
  }

  @Get(':id')
  @RequirePermissions('persons:read')
  @ApiOkResponse({ type: PersonDto })
  @ApiErrorResponses(400, 404)
  async get(@CurrentUser() actor: AuthUser, @UuidParam() id: string): Promise<PersonDto> {
    return PersonDto.from(await this.persons.get(actor, id));
  }

  @Post()
  @RequirePermissions('persons:write')
  @ApiCreatedResponse({ type: PersonDto })
  @ApiErrorResponses(400, 409)
  async create(@Body() dto: CreatePersonDto): Promise<PersonDto> {
    return PersonDto.from(await this.persons.create(dto));
  }

  @Patch(':id')
  @RequirePermissions('persons:write')
  @ApiOkResponse({ type: PersonDto })
  @ApiErrorResponses(400, 404, 409)
  async update(
    @CurrentUser() actor: AuthUser,
    @UuidParam() id: string,
    @Body() dto: UpdatePersonDto,
  ): Promise<PersonDto> {
    return PersonDto.from(await this.persons.update(actor, id, dto));
  }

  @Delete(':id')
  @RequirePermissions('persons:write')
  @ApiErrorResponses(400, 404, 409)
  @HttpCode(204)
  async remove(@CurrentUser() actor: AuthUser, @UuidParam() id: string): Promise<void> {
    await this.persons.remove(actor, id);
  }
}
