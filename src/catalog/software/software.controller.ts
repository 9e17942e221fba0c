import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { mapPage } from '@libs/pagination';
import { RequirePermissions } from '../../platform/access/decorators';
import { ApiErrorResponses } from '../../platform/http/http-exception.filter';
import { UuidParam } from '../../platform/http/validation';
import { PageDto } from '../../platform/http/page.dto';
import { CreateSoftwareDto, SoftwareDto, SoftwareListQueryDto, UpdateSoftwareDto } from './dto/software.dto';
import { SoftwareService } from './software.service';

@ApiTags('software')
@ApiBearerAuth()
@ApiErrorResponses(401, 403)
@Controller('api/v1/software')
export class SoftwareController {
  constructor(private readonly software: SoftwareService) {}

  @Get()
  @RequirePermissions('catalogs:read')
  @ApiErrorResponses(400)
  @ApiOkResponse({ type: PageDto(SoftwareDto) })
  async list(@Query() query: SoftwareListQueryDto) {
    return mapPage(await this.software.list(query), SoftwareDto.from);
  }

  @Get(':id')
  @RequirePermissions('catalogs:read')
  @ApiOkResponse({ type: SoftwareDto })
  @ApiErrorResponses(400, 404)
  async get(@UuidParam() id: string): Promise<SoftwareDto> {
    return SoftwareDto.from(await this.software.get(id));
  }

  @Post()
  @RequirePermissions('catalogs:write')
  @ApiCreatedResponse({ type: SoftwareDto })
  @ApiErrorResponses(400, 409)
  async create(@Body() dto: CreateSoftwareDto): Promise<SoftwareDto> {
    return SoftwareDto.from(await this.software.create(dto));
  }

  @Patch(':id')
  @RequirePermissions('catalogs:write')
  @ApiOkResponse({ type: SoftwareDto })
  @ApiErrorResponses(400, 404, 409)
  async update(@UuidParam() id: string, @Body() dto: UpdateSoftwareDto): Promise<SoftwareDto> {
    return SoftwareDto.from(await this.software.update(id, dto));
  }

  @Delete(':id')
  @RequirePermissions('catalogs:write')
  @ApiErrorResponses(400, 404, 409)
  @HttpCode(204)
  async remove(@UuidParam() id: string): Promise<void> {
    await this.software.remove(id);
  }
}
