import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { mapPage } from '@libs/pagination';
import { RequirePermissions } from '../auth/decorators';
import { UuidParam } from '../common/validation';
import { PageDto } from '../common/page.dto';
import {
  CreateOrganizationDto,
  OrganizationDto,
  OrganizationListQueryDto,
  UpdateOrganizationDto,
} from './dto/organization.dto';
import { OrganizationsService } from './organizations.service';

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('api/v1/organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @RequirePermissions('catalogs:read')
  @ApiOkResponse({ type: PageDto(OrganizationDto) })
  async list(@Query() query: OrganizationListQueryDto) {
    return mapPage(await this.organizations.list(query), OrganizationDto.from);
  }

  @Get(':id')
  @RequirePermissions('catalogs:read')
  async get(@UuidParam() id: string): Promise<OrganizationDto> {
    return OrganizationDto.from(await this.organizations.get(id));
  }

  @Post()
  @RequirePermissions('catalogs:write')
  async create(@Body() dto: CreateOrganizationDto): Promise<OrganizationDto> {
    return OrganizationDto.from(await this.organizations.create(dto));
  }

  @Patch(':id')
  @RequirePermissions('catalogs:write')
  async update(@UuidParam() id: string, @Body() dto: UpdateOrganizationDto): Promise<OrganizationDto> {
    return OrganizationDto.from(await this.organizations.update(id, dto));
  }

  @Delete(':id')
  @RequirePermissions('catalogs:write')
  @HttpCode(204)
  async remove(@UuidParam() id: string): Promise<void> {
    await this.organizations.remove(id);
  }
}
