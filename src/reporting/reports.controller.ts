import { applyDecorators, Controller, Get, Logger, Query, Res, Type } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, RequirePermissions } from '../platform/access/decorators';
import { AuthUser } from '../platform/access/auth-user';
import { PageDto } from '../platform/http/page.dto';
import { ReportAnswer, ReportsService } from './reports.service';
import { ComplianceQueryDto, ComplianceRowDto } from './dto/compliance.dto';
import { CostReportDto } from './dto/cost-report.dto';
import { ExpiringQueryDto, ExpiringReportDto } from './dto/expiring.dto';
import { CostQueryDto } from './costs/cost-query.dto';
import { CONTENT_TYPE } from './report-files';

const ComplianceReportDto = PageDto(ComplianceRowDto);

const FILE = { schema: { type: 'string', format: 'binary' } };

/**
 * The 200 answer of a report: its JSON, or with `format=xlsx|csv` the file, as an
 * attachment named after the report and the day (`costs-2026-11-23.xlsx`).
 */
function ReportResponse(json: Type<unknown>, name: string) {
  return applyDecorators(
    ApiExtraModels(json),
    ApiProduces('application/json', CONTENT_TYPE.xlsx, CONTENT_TYPE.csv),
    ApiOkResponse({
      description:
        'JSON by default; format=xlsx a workbook (Summary, data sheet, License lines); ' +
        'format=csv the rows (UTF-8 with BOM), or with detail=true the license lines.',
      headers: {
        'Content-Disposition': {
          description: `files only: attachment; filename="${name}-YYYY-MM-DD.xlsx" (CSV of the lines: "${name}-lines-YYYY-MM-DD.csv")`,
          schema: { type: 'string' },
        },
      },
      content: {
        'application/json': { schema: { $ref: getSchemaPath(json) } },
        [CONTENT_TYPE.xlsx]: FILE,
        [CONTENT_TYPE.csv]: FILE,
      },
    }),
  );
}

/** Reports answer JSON, or a file with `?format=xlsx|csv`. They take the license list's filters. */
@ApiTags('reports')
@ApiBearerAuth()
@RequirePermissions('reports:read')
@Controller('api/v1/reports')
export class ReportsController {
  private readonly logger = new Logger(ReportsController.name);

  constructor(private readonly reports: ReportsService) {}

  /** Costs per org unit, software, supplier, category or purchase month, per currency. */
  @Get('costs')
  @ReportResponse(CostReportDto, 'costs')
  async costs(@CurrentUser() actor: AuthUser, @Query() query: CostQueryDto, @Res() res: Response) {
    await this.send(res, await this.reports.costReport(actor, query));
  }

  /** Per license: quantity, used, available, status and findings (JSON paged; files hold every license). */
  @Get('compliance')
  @ReportResponse(ComplianceReportDto, 'compliance')
  async compliance(@CurrentUser() actor: AuthUser, @Query() query: ComplianceQueryDto, @Res() res: Response) {
    await this.send(res, await this.reports.complianceReport(actor, query));
  }

  /** Licenses whose expiration or support date falls within `days`, soonest first, with the cost at stake. */
  @Get('expiring')
  @ReportResponse(ExpiringReportDto, 'expiring')
  async expiring(@CurrentUser() actor: AuthUser, @Query() query: ExpiringQueryDto, @Res() res: Response) {
    await this.send(res, await this.reports.expiringReport(actor, query));
  }

  /** The JSON, or the file's headers and then its bytes as they are written. */
  private async send(res: Response, answer: ReportAnswer): Promise<void> {
    if ('json' in answer) return void res.json(answer.json);
    const { file } = answer;
    res.status(200);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
    try {
      await file.write(res);
    } catch (error) {
      // The headers are gone: cut the download off rather than end it looking complete.
      this.logger.error({ err: error }, `export of ${file.name} failed`);
      res.destroy(error as Error);
    }
  }
}
