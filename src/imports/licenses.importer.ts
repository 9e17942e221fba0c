import { Injectable } from '@nestjs/common';
import { License } from '../licenses/license.entity';
import { LicensesService } from '../licenses/licenses.service';
import { CreateLicenseDto, UpdateLicenseDto } from '../licenses/dto/license.dto';
import { IMPORT_SPECS, ImportColumn } from './import-columns';
import type { ParsedRow } from './import-rows';
import { EntityImporter, ImportContext, importRecords } from './record-importer';
import { ReferenceResolver } from './references';

/**
 * Licenses by name: new ones created, known ones updated through LicensesService,
 * whose rules hold (quantity and limits never below what is in use).
 */
@Injectable()
export class LicensesImporter implements EntityImporter {
  readonly spec = IMPORT_SPECS.licenses;

  constructor(
    private readonly licenses: LicensesService,
    private readonly references: ReferenceResolver,
  ) {}

  run(ctx: ImportContext, rows: ParsedRow[]) {
    const software = this.column('softwareId');
    const version = this.column('softwareVersion');
    for (const row of rows) {
      if (row.values.softwareVersion !== undefined && row.raw.softwareId == null) {
        ctx.problems.add(
          row.row,
          version,
          row.raw.softwareVersion,
          `${version.header} needs ${software.header}.`,
        );
      }
    }
    return importRecords<License>(
      ctx,
      rows,
      {
        createDto: CreateLicenseDto,
        updateDto: UpdateLicenseDto,
        findExisting: (manager, keys) =>
          manager
            .createQueryBuilder(License, 'l')
            .where('lower(l.name) = ANY(:keys)', { keys })
            .setLock('pessimistic_write')
            .getMany(),
        keyOf: (license) => license.name,
        createIn: (manager, dtos) => this.licenses.createIn(manager, dtos as CreateLicenseDto[]),
        updateIn: (manager, actor, license, dto) => this.licenses.updateIn(manager, actor, license, dto),
      },
      this.references,
    );
  }

  private column(field: string): ImportColumn {
    return this.spec.columns.find((c) => c.field === field) as ImportColumn;
  }
}
