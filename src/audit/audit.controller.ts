import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { mapPage } from '@libs/pagination';
import { RequirePermissions } from '../auth/decorators';
import { PageDto } from '../common/page.dto';
import { AuditService } from './audit.service';
import { AuditEventDto, AuditEventListQueryDto } from './dto/audit-event.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @RequirePermissions('audit:read')
  @ApiOkResponse({ type: PageDto(AuditEventDto) })
  async list(@Query() query: AuditEventListQueryDto) {
    return mapPage(await this.audit.list(query), AuditEventDto.from);
  }
}
