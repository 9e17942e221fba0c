import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermissions } from '../auth/decorators';
import { AuthUser } from '../auth/auth-user';
import { UuidParam } from '../common/validation';
import { ActivateDeviceDto } from './dto/seat-requests.dto';
import { DeviceDto } from './dto/seat.dto';
import { DevicesService, ResetResult } from './devices.service';

@ApiTags('seats')
@ApiBearerAuth()
@RequirePermissions('seats:assign')
@Controller('api/v1/licenses/:id/persons/:personId')
export class SeatDevicesController {
  constructor(private readonly devices: DevicesService) {}

  @Post('devices')
  activate(
    @CurrentUser() actor: AuthUser,
    @UuidParam() id: string,
    @UuidParam('personId') personId: string,
    @Body() dto: ActivateDeviceDto,
  ): Promise<DeviceDto> {
    return this.devices.activate(actor, id, personId, dto.assetId);
  }

  @Post('devices/:assetId/reset')
  @HttpCode(200)
  resetDevice(
    @CurrentUser() actor: AuthUser,
    @UuidParam() id: string,
    @UuidParam('personId') personId: string,
    @UuidParam('assetId') assetId: string,
  ): Promise<ResetResult> {
    return this.devices.resetDevice(actor, id, personId, assetId);
  }

  @Post('reset')
  @HttpCode(200)
  resetPerson(
    @CurrentUser() actor: AuthUser,
    @UuidParam() id: string,
    @UuidParam('personId') personId: string,
  ): Promise<ResetResult> {
    return this.devices.resetPerson(actor, id, personId);
  }
}
