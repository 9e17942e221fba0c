import { Injectable } from '@nestjs/common';
import { CommonErrorCode, DomainError, ValidationError } from '@libs/errors';
import { AuditService } from '../../access/audit/audit.service';
import { AuthUser } from '../../platform/access/auth-user';
import { TransactionRunner } from '../../platform/database/transaction';
import { AssetsImporter } from './assets.importer';
import { ImportResultDto } from './dto/import.dto';
import { readImportFile } from './file-reader';
import { IMPORT_ENTITIES, ImportEntity, isImportEntity } from './import-columns';
import { MAX_IMPORT_ROWS } from './import-limits';
import { matchHeader, parseRows, Problems } from './import-rows';
import { LicensesImporter } from './licenses.importer';
import { PersonsImporter } from './persons.importer';
import { EntityImporter } from './record-importer';
import { SeatsImporter } from './seats.importer';
import { ImportErrorCode } from './imports.errors';
import { EXPLANATION_SHEET, importTemplate, TemplateFile, TemplateFormat } from './templates';

/** The part of multer's file an import reads (memory storage). */
export interface UploadedImportFile {
  originalname: string;
  size: number;
  buffer: Buffer;
}

/** Ends the import's transaction without a trace: a dry run, or a file with problems. */
class RollBack extends Error {
  constructor(readonly result: ImportResultDto) {
    super('import rolled back');
  }
}

/**
 * Imports a file in one transaction: read (xlsx or CSV, by content), check the
 * header, convert every cell, resolve references, validate with the API's DTOs and
 * write through the services. Any problem anywhere, or a dry run, rolls it all
 * back and answers every problem; otherwise the import is audited in the same
 * transaction, beside the per-record events the database's triggers write.
 */
@Injectable()
export class ImportsService {
  private readonly importers: Record<ImportEntity, EntityImporter>;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    licenses: LicensesImporter,
    persons: PersonsImporter,
    assets: AssetsImporter,
    seats: SeatsImporter,
  ) {
    this.importers = { licenses, persons, assets, seats };
  }

  template(entity: string, format: TemplateFormat = 'xlsx'): Promise<TemplateFile> {
    return importTemplate(this.importer(entity).spec, format);
  }

  async run(
    actor: AuthUser,
    entity: string,
    file: UploadedImportFile | undefined,
    dryRun: boolean,
  ): Promise<ImportResultDto> {
    const importer = this.importer(entity);
    const { spec } = importer;
    if (!file) {
      throw new ValidationError(
        'Send the file as multipart/form-data in the field "file".',
        { file: ['is required'] },
        ImportErrorCode.FILE_REQUIRED,
      );
    }
    const sheet = await readImportFile(file.buffer, {
      maxRows: MAX_IMPORT_ROWS,
      sheetName: spec.sheetName,
      skipSheets: [EXPLANATION_SHEET],
    });
    const columns = matchHeader(spec, sheet);
    if (!sheet.rows.length) {
      throw new DomainError('invalid', ImportErrorCode.NO_ROWS, 'The file has a header but no data rows.');
    }
    try {
      return await this.tx.run(async () => {
        // Inside the transaction: a retry (deadlock) starts over from the converted cells.
        const problems = new Problems(spec.columns);
        const rows = parseRows(spec, sheet, columns, problems);
        const counts = await importer.run({ actor, spec, problems }, rows);
        const failed = problems.count > 0;
        const result: ImportResultDto = {
          entity: spec.entity,
          dryRun,
          rows: rows.length,
          created: failed ? 0 : counts.created,
          updated: failed ? 0 : counts.updated,
          unchanged: failed ? 0 : counts.unchanged,
          errorCount: problems.count,
          errors: problems.list(),
        };
        if (failed || dryRun) throw new RollBack(result);
        await this.audit.record({
          actorId: actor.id,
          action: 'import',
          entity: 'import',
          after: {
            entity: spec.entity,
            fileName: file.originalname.replace(/\u0000/g, ''),
            format: sheet.format,
            bytes: file.size,
            rows: rows.length,
            created: counts.created,
            updated: counts.updated,
            unchanged: counts.unchanged,
          },
        });
        return result;
      });
    } catch (error) {
      if (error instanceof RollBack) return error.result;
      throw error;
    }
  }

  /** 404 for an entity without an import. */
  private importer(entity: string): EntityImporter {
    if (isImportEntity(entity)) return this.importers[entity];
    throw new DomainError(
      'not_found',
      CommonErrorCode.NOT_FOUND,
      `There is no import for "${entity}"; imports exist for ${IMPORT_ENTITIES.join(', ')}.`,
      { entity, supported: IMPORT_ENTITIES },
    );
  }
}
