import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { mapPage } from '@libs/pagination';
import { RequirePermissions } from '../../platform/access/decorators';
import { ApiErrorResponses } from '../../platform/http/http-exception.filter';
import { UuidParam } from '../../platform/http/validation';
import { PageDto } from '../../platform/http/page.dto';
import {
  CreateLicenseCategoryDto,
  LicenseCategoryDto,
  LicenseCategoryListQueryDto,
  UpdateLicenseCategoryDto,
} from './dto/license-category.dto';
import { LicenseCategoriesService } from './license-categories.service';

@ApiTags('license-categories')
@ApiBearerAuth()
@ApiErrorResponses(401, 403)
@Controller('api/v1/license-categories')
export class LicenseCategoriesController {
  constructor(private readonly categories: LicenseCategoriesService) {}

  @Get()
  @RequirePermissions('catalogs:read')
  @ApiErrorResponses(400)
  @ApiOkResponse({ type: PageDto(LicenseCategoryDto) })
  async list(@Query() query: LicenseCategoryListQueryDto) {
    return mapPage(await this.categories.list(query), LicenseCategoryDto.from);
  }

  @Get(':id')
  @RequirePermissions('catalogs:read')
  @ApiOkResponse({ type: LicenseCategoryDto })
  @ApiErrorResponses(400, 404)
  async get(@UuidParam() id: string): Promise<LicenseCategoryDto> {
    return LicenseCategoryDto.from(await this.categories.get(id));
  }

  @Post()
  @RequirePermissions('catalogs:write')
  @ApiCreatedResponse({ type: LicenseCategoryDto })
  @ApiErrorResponses(400, 409)
  async create(@Body() dto: CreateLicenseCategoryDto): Promise<LicenseCategoryDto> {
    return LicenseCategoryDto.from(await this.categories.create(dto));
  }

  @Patch(':id')
  @RequirePermissions('catalogs:write')
  @ApiOkResponse({ type: LicenseCategoryDto })
  @ApiErrorResponses(400, 404, 409)
  async update(@UuidParam() id: string, @Body() dto: UpdateLicenseCategoryDto): Promise<LicenseCategoryDto> {
    return LicenseCategoryDto.from(await this.categories.update(id, dto));
  }

  @Delete(':id')
  @RequirePermissions('catalogs:write')
  @ApiErrorResponses(400, 404, 409)
  @HttpCode(204)
  async remove(@UuidParam() id: string): Promise<void> {
    await this.categories.remove(id);
  }
}
