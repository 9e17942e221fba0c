import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { mapPage } from '@libs/pagination';
import { RequirePermissions } from '../../platform/access/decorators';
import { ApiErrorResponses } from '../../platform/http/http-exception.filter';
import { UuidParam } from '../../platform/http/validation';
import { PageDto } from '../../platform/http/page.dto';
import { mapTree } from '../tree';
import {
  CreateOrgUnitDto,
  OrgUnitDto,
  OrgUnitListQueryDto,
  OrgUnitTreeDto,
  UpdateOrgUnitDto,
} from './dto/org-unit.dto';
import { OrgUnitsService } from './org-units.service';

@ApiTags('org-units')
@ApiBearerAuth()
@ApiErrorResponses(401, 403)
@Controller('api/v1/org-units')
export class OrgUnitsController {
  constructor(private readonly orgUnits: OrgUnitsService) {}

  @Get()
  @RequirePermissions('catalogs:read')
  @ApiErrorResponses(400)
  @ApiOkResponse({ type: PageDto(OrgUnitDto) })
  async list(@Query() query: OrgUnitListQueryDto) {
    return mapPage(await this.orgUnits.list(query), OrgUnitDto.from);
  }

  // Declared before ':id' so the static path is matched first.
  @Get('tree')
  @RequirePermissions('catalogs:read')
  @ApiOkResponse({ type: [OrgUnitTreeDto], description: 'the top-level units, each with its children' })
  async tree(): Promise<OrgUnitTreeDto[]> {
    return mapTree(await this.orgUnits.tree(), OrgUnitDto.from);
  }

  @Get(':id')
  @RequirePermissions('catalogs:read')
  @ApiOkResponse({ type: OrgUnitDto })
  @ApiErrorResponses(400, 404)
  async get(@UuidParam() id: string): Promise<OrgUnitDto> {
    return OrgUnitDto.from(await this.orgUnits.get(id));
  }

  @Post()
  @RequirePermissions('catalogs:write')
  @ApiCreatedResponse({ type: OrgUnitDto })
  @ApiErrorResponses(400, 409)
  async create(@Body() dto: CreateOrgUnitDto): Promise<OrgUnitDto> {
    return OrgUnitDto.from(await this.orgUnits.create(dto));
  }

  @Patch(':id')
  @RequirePermissions('catalogs:write')
  @ApiOkResponse({ type: OrgUnitDto })
  @ApiErrorResponses(400, 404, 409, 422)
  async update(@UuidParam() id: string, @Body() dto: UpdateOrgUnitDto): Promise<OrgUnitDto> {
    return OrgUnitDto.from(await this.orgUnits.update(id, dto));
  }

  @Delete(':id')
  @RequirePermissions('catalogs:write')
  @ApiErrorResponses(400, 404, 409)
  @HttpCode(204)
  async remove(@UuidParam() id: string): Promise<void> {
    await this.orgUnits.remove(id);
  }
}
