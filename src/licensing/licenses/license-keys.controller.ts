import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermissions } from '../../platform/access/decorators';
import { AuthUser } from '../../platform/access/auth-user';
import { ApiErrorResponses } from '../../platform/http/http-exception.filter';
import { UuidParam } from '../../platform/http/validation';
import { CreateLicenseKeyDto, LicenseKeyDto } from './dto/license-key.dto';
import { LicenseKeysService } from './license-keys.service';

@ApiTags('licenses')
@ApiBearerAuth()
@ApiErrorResponses(401, 403)
@Controller('api/v1/licenses/:id/keys')
export class LicenseKeysController {
  constructor(private readonly keys: LicenseKeysService) {}

  @Get()
  @RequirePermissions('licenses:read')
  @ApiOkResponse({ type: [LicenseKeyDto] })
  @ApiErrorResponses(400, 404)
  list(@CurrentUser() actor: AuthUser, @UuidParam() licenseId: string): Promise<LicenseKeyDto[]> {
    return this.keys.list(actor, licenseId);
  }

  @Post()
  @RequirePermissions('keys:write')
  @ApiCreatedResponse({ type: LicenseKeyDto })
  @ApiErrorResponses(400, 404)
  create(
    @CurrentUser() actor: AuthUser,
    @UuidParam() licenseId: string,
    @Body() dto: CreateLicenseKeyDto,
  ): Promise<LicenseKeyDto> {
    return this.keys.create(actor, licenseId, dto);
  }

  @Delete(':keyId')
  @RequirePermissions('keys:write')
  @ApiErrorResponses(400, 404)
  @HttpCode(204)
  async remove(@UuidParam() licenseId: string, @UuidParam('keyId') keyId: string): Promise<void> {
    await this.keys.remove(licenseId, keyId);
  }
}
