import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { mapPage } from '@libs/pagination';
import { RequirePermissions } from '../../platform/access/decorators';
import { ApiErrorResponses } from '../../platform/http/http-exception.filter';
import { UuidParam } from '../../platform/http/validation';
import { PageDto } from '../../platform/http/page.dto';
import { mapTree } from '../tree';
import {
  CreateLocationDto,
  LocationDto,
  LocationListQueryDto,
  LocationTreeDto,
  UpdateLocationDto,
} from './dto/location.dto';
import { LocationsService } from './locations.service';

@ApiTags('locations')
@ApiBearerAuth()
@ApiErrorResponses(401, 403)
@Controller('api/v1/locations')
export class LocationsController {
  constructor(private readonly locations: LocationsService) {}

  @Get()
  @RequirePermissions('catalogs:read')
  @ApiErrorResponses(400)
  @ApiOkResponse({ type: PageDto(LocationDto) })
  async list(@Query() query: LocationListQueryDto) {
    return mapPage(await this.locations.list(query), LocationDto.from);
  }

  // Declared before ':id' so the static path is matched first.
  @Get('tree')
  @RequirePermissions('catalogs:read')
  @ApiOkResponse({ type: [LocationTreeDto], description: 'the top-level locations, each with its children' })
  async tree(): Promise<LocationTreeDto[]> {
    return mapTree(await this.locations.tree(), LocationDto.from);
  }

  @Get(':id')
  @RequirePermissions('catalogs:read')
  @ApiOkResponse({ type: LocationDto })
  @ApiErrorResponses(400, 404)
  async get(@UuidParam() id: string): Promise<LocationDto> {
    return LocationDto.from(await this.locations.get(id));
  }

  @Post()
  @RequirePermissions('catalogs:write')
  @ApiCreatedResponse({ type: LocationDto })
  @ApiErrorResponses(400)
  async create(@Body() dto: CreateLocationDto): Promise<LocationDto> {
    return LocationDto.from(await this.locations.create(dto));
  }

  @Patch(':id')
  @RequirePermissions('catalogs:write')
  @ApiOkResponse({ type: LocationDto })
  @ApiErrorResponses(400, 404, 422)
  async update(@UuidParam() id: string, @Body() dto: UpdateLocationDto): Promise<LocationDto> {
    return LocationDto.from(await this.locations.update(id, dto));
  }

  @Delete(':id')
  @RequirePermissions('catalogs:write')
  @ApiErrorResponses(400, 404, 409)
  @HttpCode(204)
  async remove(@UuidParam() id: string): Promise<void> {
    await this.locations.remove(id);
  }
}
