import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { mapPage } from '@libs/pagination';
import { RequirePermissions } from '../../platform/access/decorators';
import { ApiErrorResponses } from '../../platform/http/http-exception.filter';
import { UuidParam } from '../../platform/http/validation';
import { PageDto } from '../../platform/http/page.dto';
import {
  CreateOrganizationDto,
  OrganizationDto,
  OrganizationListQueryDto,
  UpdateOrganizationDto,
} from './dto/organization.dto';
import { OrganizationsService } from './organizations.service';

@ApiTags('organizations')
@ApiBearerAuth()
@ApiErrorResponses(401, 403)
@Controller('api/v1/organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @RequirePermissions('catalogs:read')
  @ApiErrorResponses(400)
  @ApiOkResponse({ type: PageDto(OrganizationDto) })
  async list(@Query() query: OrganizationListQueryDto) {
    return mapPage(await this.organizations.list(query), OrganizationDto.from);
  }

  @Get(':id')
  @RequirePermissions('catalogs:read')
  @ApiOkResponse({ type: OrganizationDto })
  @ApiErrorResponses(400, 404)
  async get(@UuidParam() id: string): Promise<OrganizationDto> {
    return OrganizationDto.from(await this.organizations.get(id));
  }

  @Post()
  @RequirePermissions('catalogs:write')
  @ApiCreatedResponse({ type: OrganizationDto })
  @ApiErrorResponses(400, 409)
  async create(@Body() dto: CreateOrganizationDto): Promise<OrganizationDto> {
    return OrganizationDto.from(await this.organizations.create(dto));
  }

  @Patch(':id')
  @RequirePermissions('catalogs:write')
  @ApiOkResponse({ type: OrganizationDto })
  @ApiErrorResponses(400, 404, 409)
  async update(@UuidParam() id: string, @Body() dto: UpdateOrganizationDto): Promise<OrganizationDto> {
    return OrganizationDto.from(await this.organizations.update(id, dto));
  }

  @Delete(':id')
  @RequirePermissions('catalogs:write')
  @ApiErrorResponses(400, 404, 409)
  @HttpCode(204)
  async remove(@UuidParam() id: string): Promise<void> {
    await this.organizations.remove(id);
  }
}
