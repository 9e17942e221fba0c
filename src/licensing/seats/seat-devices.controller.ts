import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermissions } from '../../platform/access/decorators';
import { AuthUser } from '../../platform/access/auth-user';
import { UuidParam } from '../../platform/http/validation';
import { ActivateDeviceDto } from './dto/seat-requests.dto';
import { DeviceDto, ResetResultDto } from './dto/seat.dto';
import { DevicesService } from './devices.service';

@ApiTags('seats')
@ApiBearerAuth()
@RequirePermissions('seats:assign')
@Controller('api/v1/licenses/:id/persons/:personId')
export class SeatDevicesController {
  constructor(private readonly devices: DevicesService) {}

  @Post('devices')
  @ApiCreatedResponse({ type: DeviceDto, description: 'the activation' })
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
  @ApiOkResponse({ type: ResetResultDto, description: 'the device reset, and the resets now used' })
  resetDevice(
    @CurrentUser() actor: AuthUser,
    @UuidParam() id: string,
    @UuidParam('personId') personId: string,
    @UuidParam('assetId') assetId: string,
  ): Promise<ResetResultDto> {
    return this.devices.resetDevice(actor, id, personId, assetId);
  }

  @Post('reset')
  @HttpCode(200)
  @ApiOkResponse({ type: ResetResultDto, description: "the person's devices reset, and the resets now used" })
  resetPerson(
    @CurrentUser() actor: AuthUser,
    @UuidParam() id: string,
    @UuidParam('personId') personId: string,
  ): Promise<ResetResultDto> {
    return this.devices.resetPerson(actor, id, personId);
  }
}
