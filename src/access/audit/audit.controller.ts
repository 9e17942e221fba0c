import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { mapPage } from '@libs/pagination';
import { RequirePermissions } from '../../platform/access/decorators';
import { PageDto } from '../../platform/http/page.dto';
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
