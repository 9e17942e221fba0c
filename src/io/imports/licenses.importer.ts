import { Injectable } from '@nestjs/common';
import { DomainError } from '@libs/errors';
import { License } from '../../licensing/licenses/license.entity';
import { assertChangeKeepsUse } from '../../licensing/licenses/license-rules';
import { LicensesRepository } from '../../licensing/licenses/licenses.repository';
import { LicensesService } from '../../licensing/licenses/licenses.service';
import { CreateLicenseDto, UpdateLicenseDto } from '../../licensing/licenses/dto/license.dto';
import { moneyAmount } from './cell-values';
import { IMPORT_SPECS, ImportColumn } from './import-columns';
import type { ParsedRow } from './import-rows';
import { EntityImporter, ImportContext, importRecords, inWordsOf, PlannedRow } from './record-importer';
import { ReferenceResolver } from './references';

/** The fields whose change LicensesService checks against what is in use. */
const USE_RULE_FIELDS = ['quantity', 'metric', 'maxActivations', 'maxDeviceResets'] as const;

/**
 * Licenses by name: new ones created, known ones updated through LicensesService,
 * whose rules hold (quantity and limits never below what is in use).
 */
@Injectable()
export class LicensesImporter implements EntityImporter {
  readonly spec = IMPORT_SPECS.licenses;

  constructor(
    private readonly licenses: LicensesService,
    private readonly records: LicensesRepository,
    private readonly references: ReferenceResolver,
  ) {}

  run(ctx: ImportContext, rows: ParsedRow[]) {
    const software = this.column('softwareId');
    const version = this.column('softwareVersion');
    for (const row of rows) {
      if (
        row.values.softwareVersion !== undefined &&
        (row.raw.softwareId == null || row.values.softwareId === null)
      ) {
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
        lockByKeys: (keys) => this.records.lockByNames(keys),
        keyOf: (license) => license.name,
        writer: this.licenses,
        check: async (c, planned) => {
          this.keepUse(c, planned);
          this.sameCurrency(c, planned);
        },
      },
      this.references,
    );
  }

  /**
   * The rules of an edit against what is in use (quantity, metric, limits), each on
   * its own: LicensesService stops at the first broken one, the file hears of all.
   */
  private keepUse(ctx: ImportContext, planned: PlannedRow<License>[]): void {
    for (const { row, existing, dto } of planned) {
      if (!existing) continue;
      for (const field of USE_RULE_FIELDS) {
        const column = this.column(field);
        if (dto[field] === undefined || ctx.problems.hasCell(row.row, column)) continue;
        try {
          assertChangeKeepsUse(existing, { [field]: dto[field] });
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          ctx.problems.add(row.row, column, row.raw[field] ?? null, inWordsOf(column, error.message));
        }
      }
    }
  }

  /** A price written with its currency (`€ 99`, `99 USD`) must be in the license's currency. */
  private sameCurrency(ctx: ImportContext, planned: PlannedRow<License>[]): void {
    const price = this.column('netUnitPrice');
    for (const { row, existing, dto } of planned) {
      const raw = row.raw.netUnitPrice;
      const written = raw ? moneyAmount(raw).currency : undefined;
      if (!written || ctx.problems.hasCell(row.row, price)) continue;
      const currency = (dto.currency as string | undefined) ?? existing?.currency ?? 'EUR';
      if (written !== currency) {
        ctx.problems.add(
          row.row,
          price,
          raw,
          `The price is written in ${written}, but the license's currency is ${currency}: fill in Currency or write the price without it.`,
        );
      }
    }
  }

  private column(field: string): ImportColumn {
    return this.spec.columns.find((c) => c.field === field) as ImportColumn;
  }
}
