import {
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, RequirePermissions } from '../../platform/access/decorators';
import { AuthUser } from '../../platform/access/auth-user';
import { ImportFileDto, ImportQueryDto, ImportResultDto, ImportTemplateQueryDto } from './dto/import.dto';
import { IMPORT_ENTITIES } from './import-columns';
import { MAX_IMPORT_BYTES } from './import-limits';
import { ImportsService, UploadedImportFile } from './imports.service';
import { UploadErrorsInterceptor } from './upload-errors.interceptor';

const ENTITY = { name: 'entity', enum: IMPORT_ENTITIES };

/** Bulk import of licenses, persons, assets and seats from xlsx or CSV; asset managers and admins. */
@ApiTags('imports')
@ApiBearerAuth()
@RequirePermissions('imports:run')
@Controller('api/v1/imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  /** A template to fill in: header, an example row; in xlsx a sheet explaining each column and pick lists. */
  @Get(':entity/template')
  @ApiParam(ENTITY)
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv')
  async template(
    @Param('entity') entity: string,
    @Query() query: ImportTemplateQueryDto,
    @Res() res: Response,
  ) {
    const file = await this.imports.template(entity, query.format);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
    res.status(200).send(file.body);
  }

  /**
   * Imports a file, all rows or none: 200 with the counts, or with every problem
   * (`errors`) and nothing written. `?dryRun=true` only checks.
   */
  @Post(':entity')
  @HttpCode(200)
  @ApiParam(ENTITY)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ImportFileDto })
  @ApiOkResponse({ type: ImportResultDto })
  @UseInterceptors(
    UploadErrorsInterceptor,
    FileInterceptor('file', {
      limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 10, parts: 20 },
      defParamCharset: 'utf8',
    }),
  )
  run(
    @CurrentUser() actor: AuthUser,
    @Param('entity') entity: string,
    @Query() query: ImportQueryDto,
    @UploadedFile() file: UploadedImportFile | undefined,
  ): Promise<ImportResultDto> {
    return this.imports.run(actor, entity, file, query.dryRun ?? false);
  }
}
