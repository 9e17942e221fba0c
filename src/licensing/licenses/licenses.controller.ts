import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { mapPage } from '@libs/pagination';
import { CurrentUser, RequirePermissions } from '../../platform/access/decorators';
import { AuthUser } from '../../platform/access/auth-user';
import { ApiErrorResponses } from '../../platform/http/http-exception.filter';
import { UuidParam } from '../../platform/http/validation';
import { PageDto } from '../../platform/http/page.dto';
import {
  CreateLicenseDto,
  LicenseFinancialFieldsDto,
  LicenseListQueryDto,
  UpdateLicenseDto,
} from './dto/license.dto';
import { LicenseDto } from './dto/license-response.dto';
import { LicensesService } from './licenses.service';

@ApiTags('licenses')
@ApiBearerAuth()
@ApiErrorResponses(401, 403)
@Controller('api/v1/licenses')
export class LicensesController {
  constructor(private readonly licenses: LicensesService) {}

  @Get()
  @RequirePermissions('licenses:read')
  @ApiErrorResponses(400)
  @ApiOkResponse({ type: PageDto(LicenseDto) })
  async list(@CurrentUser() actor: AuthUser, @Query() query: LicenseListQueryDto) {
    return mapPage(await this.licenses.list(actor, query), LicenseDto.from);
  }

  @Get(':id')
  @RequirePermissions('licenses:read')
  @ApiOkResponse({ type: LicenseDto })
  @ApiErrorResponses(400, 404)
  async get(@CurrentUser() actor: AuthUser, @UuidParam() id: string): Promise<LicenseDto> {
    return LicenseDto.from(await this.licenses.get(actor, id));
  }

  @Post()
  @RequirePermissions('licenses:write')
  @ApiCreatedResponse({ type: LicenseDto })
  @ApiErrorResponses(400, 409)
  async create(@Body() dto: CreateLicenseDto): Promise<LicenseDto> {
    return LicenseDto.from(await this.licenses.create(dto));
  }

  /** Finance may PATCH too, but only the fields of LicenseFinancialFieldsDto (checked in the service). */
  @Patch(':id')
  @RequirePermissions('licenses:write', 'licenses:write-financial')
  @ApiExtraModels(LicenseFinancialFieldsDto)
  @ApiOkResponse({ type: LicenseDto })
  @ApiErrorResponses(400, 404, 409)
  async update(
    @CurrentUser() actor: AuthUser,
    @UuidParam() id: string,
    @Body() dto: UpdateLicenseDto,
  ): Promise<LicenseDto> {
    return LicenseDto.from(await this.licenses.update(actor, id, dto));
  }

  @Delete(':id')
  @RequirePermissions('licenses:write')
  @ApiErrorResponses(400, 404, 409)
  @HttpCode(204)
  async remove(@UuidParam() id: string): Promise<void> {
    await this.licenses.remove(id);
  }
}
