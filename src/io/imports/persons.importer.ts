import { Injectable } from '@nestjs/common';
import { Person } from '../../inventory/persons/person.entity';
import { PersonsRepository } from '../../inventory/persons/persons.repository';
import { PersonsService } from '../../inventory/persons/persons.service';
import { CreatePersonDto, UpdatePersonDto } from '../../inventory/persons/dto/person.dto';
import { IMPORT_SPECS, ImportColumn } from './import-columns';
import type { ParsedRow } from './import-rows';
import { EntityImporter, ImportContext, importRecords, PlannedRow, RecordTarget } from './record-importer';
import { ReferenceResolver } from './references';

/** Persons by email (case-insensitive): new ones created, known ones updated through PersonsService. */
@Injectable()
export class PersonsImporter implements EntityImporter {
  readonly spec = IMPORT_SPECS.persons;

  constructor(
    private readonly persons: PersonsService,
    private readonly records: PersonsRepository,
    private readonly references: ReferenceResolver,
  ) {}

  run(ctx: ImportContext, rows: ParsedRow[]) {
    const target: RecordTarget<Person> = {
      createDto: CreatePersonDto,
      updateDto: UpdatePersonDto,
      lockByKeys: (keys) => this.records.lockByKeys(keys, 'email'),
      keyOf: (person) => person.email,
      writer: this.persons,
      check: (c, planned) => this.employeeNumbersUnique(c, planned),
    };
    return importRecords(ctx, rows, target, this.references);
  }

  /**
   * Employee numbers are unique: not twice in the file, and not one another person
   * keeps (a person of the file giving theirs up frees it).
   */
  private async employeeNumbersUnique(ctx: ImportContext, planned: PlannedRow<Person>[]): Promise<void> {
    const column = this.spec.columns.find((c) => c.field === 'employeeNumber') as ImportColumn;
    const rowOf = new Map<string, PlannedRow<Person>>();
    for (const p of planned) {
      const number = p.dto.employeeNumber;
      if (typeof number !== 'string' || ctx.problems.hasCell(p.row.row, column)) continue;
      const first = rowOf.get(number);
      if (first) {
        ctx.problems.add(
          p.row.row,
          column,
          number,
          `Duplicate: row ${first.row.row} has the same employee number.`,
        );
      } else rowOf.set(number, p);
    }
    if (!rowOf.size) return;
    const holders = await this.records.findByEmployeeNumbers([...rowOf.keys()]);
    const fileRowOf = new Map(planned.filter((p) => p.existing).map((p) => [p.existing!.id, p]));
    for (const holder of holders) {
      const p = rowOf.get(holder.employeeNumber)!;
      if (p.existing?.id === holder.id) continue;
      const next = fileRowOf.get(holder.id)?.dto.employeeNumber;
      if (typeof next === 'string' && next !== holder.employeeNumber) continue;
      ctx.problems.add(
        p.row.row,
        column,
        holder.employeeNumber,
        `Employee number "${holder.employeeNumber}" belongs to ${holder.email}.`,
      );
    }
  }
}
