import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermissions } from '../../platform/access/decorators';
import { AuthUser } from '../../platform/access/auth-user';
import { UuidParam } from '../../platform/http/validation';
import { HeldLicenseDto, OffboardResultDto } from './dto/seat.dto';
import { SeatsService } from './seats.service';

/** Seats seen from their holders: a person's or an asset's licenses, and offboarding. */
@ApiTags('seats')
@ApiBearerAuth()
@Controller('api/v1')
export class HolderSeatsController {
  constructor(private readonly seats: SeatsService) {}

  @Get('persons/:id/licenses')
  @RequirePermissions('persons:read')
  @ApiOkResponse({
    type: [HeldLicenseDto],
    description: 'the seats the person holds now, with their devices',
  })
  personLicenses(@CurrentUser() actor: AuthUser, @UuidParam() id: string): Promise<HeldLicenseDto[]> {
    return this.seats.holdings(actor, { personId: id });
  }

  @Get('assets/:id/licenses')
  @RequirePermissions('assets:read')
  @ApiOkResponse({
    type: [HeldLicenseDto],
    description: 'the seats the asset holds now, and its activations on per_user seats',
  })
  assetLicenses(@CurrentUser() actor: AuthUser, @UuidParam() id: string): Promise<HeldLicenseDto[]> {
    return this.seats.holdings(actor, { assetId: id });
  }

  /** Frees every seat and device the person holds and deactivates them. */
  @Post('persons/:id/offboard')
  @RequirePermissions('seats:assign')
  @HttpCode(200)
  @ApiOkResponse({ type: OffboardResultDto })
  async offboard(@CurrentUser() actor: AuthUser, @UuidParam() id: string): Promise<OffboardResultDto> {
    return { released: await this.seats.offboard(actor, id) };
  }
}
