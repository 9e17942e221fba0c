import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { mapPage } from '@libs/pagination';
import { CurrentUser, RequirePermissions } from '../auth/decorators';
import { AuthUser } from '../auth/auth-user';
import { ListQueryDto } from '../common/list-query.dto';
import { UuidParam } from '../common/validation';
import { Holder } from '../common/holder-lifecycle';
import { AssignAssetsDto, AssignPersonsDto, TransferSeatDto } from './dto/seat-requests.dto';
import { SeatDto, SeatEventDto } from './dto/seat.dto';
import { SeatsService } from './seats.service';

@ApiTags('seats')
@ApiBearerAuth()
@Controller('api/v1/licenses/:id')
export class LicenseSeatsController {
  constructor(private readonly seats: SeatsService) {}

  @Post('persons')
  @RequirePermissions('seats:assign')
  assignPersons(
    @CurrentUser() actor: AuthUser,
    @UuidParam() id: string,
    @Body() dto: AssignPersonsDto,
  ): Promise<SeatDto[]> {
    return this.seats.assign(actor, id, 'person', dto.personIds);
  }

  @Delete('persons/:personId')
  @RequirePermissions('seats:assign')
  @HttpCode(204)
  unassignPerson(
    @CurrentUser() actor: AuthUser,
    @UuidParam() id: string,
    @UuidParam('personId') personId: string,
  ) {
    return this.seats.unassign(actor, id, 'person', personId);
  }

  @Post('assets')
  @RequirePermissions('seats:assign')
  assignAssets(
    @CurrentUser() actor: AuthUser,
    @UuidParam() id: string,
    @Body() dto: AssignAssetsDto,
  ): Promise<SeatDto[]> {
    return this.seats.assign(actor, id, 'asset', dto.assetIds);
  }

  @Delete('assets/:assetId')
  @RequirePermissions('seats:assign')
  @HttpCode(204)
  unassignAsset(
    @CurrentUser() actor: AuthUser,
    @UuidParam() id: string,
    @UuidParam('assetId') assetId: string,
  ) {
    return this.seats.unassign(actor, id, 'asset', assetId);
  }

  @Get('seats')
  @RequirePermissions('licenses:read')
  listSeats(@CurrentUser() actor: AuthUser, @UuidParam() id: string): Promise<SeatDto[]> {
    return this.seats.listSeats(actor, id);
  }

  @Post('seats/:seatId/transfer')
  @RequirePermissions('seats:assign')
  @HttpCode(200)
  transfer(
    @CurrentUser() actor: AuthUser,
    @UuidParam() id: string,
    @UuidParam('seatId') seatId: string,
    @Body() dto: TransferSeatDto,
  ): Promise<SeatDto> {
    return this.seats.transfer(actor, id, seatId, dto as Holder);
  }

  @Get('history')
  @RequirePermissions('licenses:read')
  async history(@CurrentUser() actor: AuthUser, @UuidParam() id: string, @Query() query: ListQueryDto) {
    return mapPage(await this.seats.history(actor, id, query), SeatEventDto.from);
  }
}
