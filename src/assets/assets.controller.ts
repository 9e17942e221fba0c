import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { mapPage } from '@libs/pagination';
import { CurrentUser, RequirePermissions } from '../auth/decorators';
import { AuthUser } from '../auth/auth-user';
import { UuidParam } from '../common/validation';
import { PageDto } from '../common/page.dto';
import { AssetDto, AssetListQueryDto, CreateAssetDto, UpdateAssetDto } from './dto/asset.dto';
import { AssetsService } from './assets.service';

@ApiTags('assets')
@ApiBearerAuth()
@Controller('api/v1/assets')
export class AssetsController {
  constructor(private readonly assets: AssetsService) {}

  @Get()
  @RequirePermissions('assets:read')
  @ApiOkResponse({ type: PageDto(AssetDto) })
  async list(@CurrentUser() actor: AuthUser, @Query() query: AssetListQueryDto) {
    return mapPage(await this.assets.list(actor, query), AssetDto.from);
  }

  @Get(':id')
  @RequirePermissions('assets:read')
  async get(@CurrentUser() actor: AuthUser, @UuidParam() id: string): Promise<AssetDto> {
    return AssetDto.from(await this.assets.get(actor, id));
  }

  @Post()
  @RequirePermissions('assets:write')
  async create(@Body() dto: CreateAssetDto): Promise<AssetDto> {
    return AssetDto.from(await this.assets.create(dto));
  }

  @Patch(':id')
  @RequirePermissions('assets:write')
  async update(
    @CurrentUser() actor: AuthUser,
    @UuidParam() id: string,
    @Body() dto: UpdateAssetDto,
  ): Promise<AssetDto> {
    return AssetDto.from(await this.assets.update(actor, id, dto));
  }

  @Delete(':id')
  @RequirePermissions('assets:write')
  @HttpCode(204)
  async remove(@CurrentUser() actor: AuthUser, @UuidParam() id: string): Promise<void> {
    await this.assets.remove(actor, id);
  }
}
