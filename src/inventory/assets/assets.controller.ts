import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { mapPage } from '@libs/pagination';
import { CurrentUser, RequirePermissions } from '../../platform/access/decorators';
import { AuthUser } from '../../platform/access/auth-user';
import { ApiErrorResponses } from '../../platform/http/http-exception.filter';
import { UuidParam } from '../../platform/http/validation';
import { PageDto } from '../../platform/http/page.dto';
import { AssetDto, AssetListQueryDto, CreateAssetDto, UpdateAssetDto } from './dto/asset.dto';
import { AssetsService } from './assets.service';

@ApiTags('assets')
@ApiBearerAuth()
@ApiErrorResponses(401, 403)
@Controller('api/v1/assets')
export class AssetsController {
  constructor(private readonly assets: AssetsService) {}

  @Get()
  @RequirePermissions('assets:read')
  @ApiErrorResponses(400)
  @ApiOkResponse({ type: PageDto(AssetDto) })
  async list(@CurrentUser() actor: AuthUser, @Query() query: AssetListQueryDto) {
    return mapPage(await this.assets.list(actor, query), AssetDto.from);
  }

  @Get(':id')
  @RequirePermissions('assets:read')
  @ApiOkResponse({ type: AssetDto })
  @ApiErrorResponses(400, 404)
  async get(@CurrentUser() actor: AuthUser, @UuidParam() id: string): Promise<AssetDto> {
    return AssetDto.from(await this.assets.get(actor, id));
  }

  @Post()
  @RequirePermissions('assets:write')
  @ApiCreatedResponse({ type: AssetDto })
  @ApiErrorResponses(400, 409)
  async create(@Body() dto: CreateAssetDto): Promise<AssetDto> {
    return AssetDto.from(await this.assets.create(dto));
  }

  @Patch(':id')
  @RequirePermissions('assets:write')
  @ApiOkResponse({ type: AssetDto })
  @ApiErrorResponses(400, 404, 409)
  async update(
    @CurrentUser() actor: AuthUser,
    @UuidParam() id: string,
    @Body() dto: UpdateAssetDto,
  ): Promise<AssetDto> {
    return AssetDto.from(await this.assets.update(actor, id, dto));
  }

  @Delete(':id')
  @RequirePermissions('assets:write')
  @ApiErrorResponses(400, 404)
  @HttpCode(204)
  async remove(@CurrentUser() actor: AuthUser, @UuidParam() id: string): Promise<void> {
    await this.assets.remove(actor, id);
  }
}
