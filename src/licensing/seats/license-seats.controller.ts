import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { mapPage, Page } from '@libs/pagination';
import { CurrentUser, RequirePermissions } from '../../platform/access/decorators';
import { AuthUser } from '../../platform/access/auth-user';
import { ListQueryDto } from '../../platform/http/list-query.dto';
import { PageDto } from '../../platform/http/page.dto';
import { UuidParam } from '../../platform/http/validation';
import { Holder } from '../../inventory/holder-lifecycle';
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
  @ApiCreatedResponse({ type: [SeatDto], description: 'the new seats, one a person' })
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
  @ApiNoContentResponse({ description: 'the seat is released, with its devices' })
  unassignPerson(
    @CurrentUser() actor: AuthUser,
    @UuidParam() id: string,
    @UuidParam('personId') personId: string,
  ) {
    return this.seats.unassign(actor, id, 'person', personId);
  }

  @Post('assets')
  @RequirePermissions('seats:assign')
  @ApiCreatedResponse({ type: [SeatDto], description: 'the new seats, one an asset' })
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
  @ApiNoContentResponse({ description: 'the seat is released' })
  unassignAsset(
    @CurrentUser() actor: AuthUser,
    @UuidParam() id: string,
    @UuidParam('assetId') assetId: string,
  ) {
    return this.seats.unassign(actor, id, 'asset', assetId);
  }

  @Get('seats')
  @RequirePermissions('licenses:read')
  @ApiOkResponse({ type: [SeatDto], description: 'the current seats with their active devices' })
  listSeats(@CurrentUser() actor: AuthUser, @UuidParam() id: string): Promise<SeatDto[]> {
    return this.seats.listSeats(actor, id);
  }

  @Post('seats/:seatId/transfer')
  @RequirePermissions('seats:assign')
  @HttpCode(200)
  @ApiOkResponse({ type: SeatDto, description: "the new holder's seat" })
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
  @ApiOkResponse({ type: PageDto(SeatEventDto), description: 'every seat event, newest first' })
  async history(
    @CurrentUser() actor: AuthUser,
    @UuidParam() id: string,
    @Query() query: ListQueryDto,
  ): Promise<Page<SeatEventDto>> {
    return mapPage(await this.seats.history(actor, id, query), SeatEventDto.from);
  }
}
