import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync, ValidationError as ClassValidatorError } from 'class-validator';
import Decimal from 'decimal.js';
import { QueryFailedError } from 'typeorm';
import { DomainError } from '@libs/errors';
import { AuthUser } from '../../platform/access/auth-user';
import { translateDatabaseError } from '../../platform/database/database-errors';
import { VALIDATOR_OPTIONS } from '../../platform/http/validation';
import type { ImportColumn, ImportSpec } from './import-columns';
import type { ParsedRow, Problems } from './import-rows';
import { pick, ReferenceResolver } from './references';

/** What one import works with (in the transaction of the request's context): the caller, and where problems go. */
export interface ImportContext {
  actor: AuthUser;
  spec: ImportSpec;
  problems: Problems;
}

export interface ImportCounts {
  created: number;
  updated: number;
  /** Rows that matched a record (or a seat) already as the file has it: nothing written. */
  unchanged: number;
}

/** One entity's import: takes the converted rows, writes through the services in the import's transaction. */
export interface EntityImporter {
  readonly spec: ImportSpec;
  run(ctx: ImportContext, rows: ParsedRow[]): Promise<ImportCounts>;
}

/** A row on its way to the database: the record it updates (or none: a create) and its validated DTO. */
export interface PlannedRow<E> {
  row: ParsedRow;
  existing: E | null;
  dto: Record<string, unknown>;
}

/** The use cases of the records' own service that an import writes through. */
export interface RecordWriter<E> {
  /** New records, many per INSERT. */
  createMany(dtos: readonly object[]): Promise<unknown[]>;
  /** A change to a record locked by {@link RecordTarget.lockByKeys}, with the rules of the API's update. */
  updateLocked(actor: AuthUser, record: E, dto: object): Promise<unknown>;
}

/** How the generic upsert reaches one kind of record: its DTOs, its lookup by key, its service. */
export interface RecordTarget<E extends { id: string }> {
  createDto: ClassConstructor<object>;
  updateDto: ClassConstructor<object>;
  /** Records whose key, lower-cased, is one of `foldedKeys`, locked against change until commit. */
  lockByKeys(foldedKeys: string[]): Promise<E[]>;
  keyOf(record: E): string;
  writer: RecordWriter<E>;
  /** Rules across rows that the DTO cannot see (another unique field). */
  check?(ctx: ImportContext, rows: PlannedRow<E>[]): Promise<void>;
}

/** The database refused a write: the transaction can take no further statement. */
class WriteAborted extends Error {}

const fold = (s: string) => s.toLowerCase();

/**
 * Upsert by natural key, the same for licenses, persons and assets: duplicate keys,
 * references (in bulk), the existing records (in bulk, locked), the API's DTO
 * validation, then the writes through the records' service, in the open transaction.
 * Rows with problems are not written; the caller rolls everything back if any.
 */
export async function importRecords<E extends { id: string }>(
  ctx: ImportContext,
  rows: ParsedRow[],
  target: RecordTarget<E>,
  references: ReferenceResolver,
): Promise<ImportCounts> {
  const { spec, problems } = ctx;
  const keyColumn = spec.columns.find((c) => c.key) as ImportColumn;
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0 };

  const firstRowOf = new Map<string, number>();
  for (const row of rows) {
    const key = row.values[keyColumn.field];
    if (typeof key !== 'string') continue;
    const first = firstRowOf.get(fold(key));
    if (first === undefined) firstRowOf.set(fold(key), row.row);
    else
      problems.add(
        row.row,
        keyColumn,
        row.raw[keyColumn.field],
        `Duplicate: row ${first} has the same ${keyColumn.header.toLowerCase()}.`,
      );
  }

  await references.resolve(spec, rows, problems);

  const existing = firstRowOf.size ? await target.lockByKeys([...firstRowOf.keys()]) : [];
  const byKey = new Map<string, { id: string; key: string; record: E }[]>();
  for (const record of existing) {
    const key = target.keyOf(record);
    byKey.set(fold(key), [...(byKey.get(fold(key)) ?? []), { id: record.id, key, record }]);
  }

  const planned: PlannedRow<E>[] = [];
  for (const row of rows) {
    const key = row.values[keyColumn.field];
    let match: E | null = null;
    if (typeof key === 'string') {
      const found = pick(byKey.get(fold(key)) ?? [], key);
      if (found === 'several') {
        problems.add(
          row.row,
          keyColumn,
          row.raw[keyColumn.field],
          `More than one ${spec.label} has this ${keyColumn.header.toLowerCase()} apart from case: write it exactly.`,
        );
      } else if (found !== 'none') match = found.record;
    }
    // A row whose key is refused is neither a create nor an update: only its filled cells are checked.
    const keyRefused = problems.hasCell(row.row, keyColumn);
    if (!match && !keyRefused) requireForCreate(ctx, row);
    const dto = validateRow(ctx, row, match || keyRefused ? target.updateDto : target.createDto);
    planned.push({ row, existing: match, dto });
  }
  await target.check?.(ctx, planned);

  const valid = planned.filter((p) => !problems.has(p.row.row));
  const updates = valid.filter((p) => p.existing && changedFields(spec, p.existing, p.dto).length);
  const creates = valid.filter((p) => !p.existing);
  counts.unchanged = valid.length - updates.length - creates.length;
  try {
    // Updates first: a unique value one of them gives up may be taken by a new record.
    for (const p of updates) {
      try {
        await target.writer.updateLocked(ctx.actor, p.existing as E, p.dto);
        counts.updated++;
      } catch (error) {
        reportWriteError(ctx, error, p.row, keyColumn);
      }
    }
    // New records have no rule beyond their DTO: with problems already found, writing them tells nothing.
    if (creates.length && !problems.count) {
      try {
        await target.writer.createMany(creates.map((p) => p.dto));
        counts.created = creates.length;
      } catch (error) {
        const refused = refusedCreate(ctx.spec, error, creates);
        reportWriteError(ctx, error, refused?.row ?? creates[0].row, refused?.column ?? keyColumn);
      }
    }
  } catch (error) {
    if (!(error instanceof WriteAborted)) throw error;
  }
  return counts;
}

/**
 * A row that creates a record needs the required values an update may leave out
 * (the header asks only for the key): each one missing, or empty, is a problem.
 */
function requireForCreate(ctx: ImportContext, row: ParsedRow): void {
  for (const column of ctx.spec.columns) {
    if (!column.required || column.key || row.raw[column.field] != null) continue;
    const missing = row.raw[column.field] === undefined ? ' (the file has no such column)' : '';
    ctx.problems.add(
      row.row,
      column,
      null,
      `${column.header} is required for a new ${ctx.spec.label}${missing}.`,
    );
  }
}

/**
 * The row through the API's own DTO (class-transformer, then class-validator with
 * the global pipe's whitelist rules). Problems go to their column; a column whose
 * cell already failed to convert is not reported twice.
 */
function validateRow(
  ctx: ImportContext,
  row: ParsedRow,
  dtoClass: ClassConstructor<object>,
): Record<string, unknown> {
  const plain: Record<string, unknown> = {};
  for (const column of ctx.spec.columns) {
    if (!column.helper && row.values[column.field] !== undefined)
      plain[column.field] = row.values[column.field];
  }
  const dto = plainToInstance(dtoClass, plain) as Record<string, unknown>;
  const errors = validateSync(dto, VALIDATOR_OPTIONS);
  for (const error of flatten(errors)) {
    const column = ctx.spec.columns.find((c) => c.field === error.property);
    if (!column || ctx.problems.hasCell(row.row, column)) continue;
    for (const message of Object.values(error.constraints ?? {})) {
      ctx.problems.add(row.row, column, row.raw[column.field] ?? null, inWordsOf(column, message));
    }
  }
  return dto;
}

function flatten(errors: ClassValidatorError[]): ClassValidatorError[] {
  return errors.flatMap((e) => [e, ...flatten(e.children ?? [])]);
}

/** "netUnitPrice must be …" → "Net unit price must be …": the user knows the column, not the API field. */
export function inWordsOf(column: ImportColumn, message: string): string {
  const text = message.startsWith(`${column.field} `)
    ? `${column.header}${message.slice(column.field.length)}`
    : message;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** The fields of `dto` whose value differs from the record's; amounts compare as numbers ("19.00" = "19"). */
export function changedFields(spec: ImportSpec, record: object, dto: Record<string, unknown>): string[] {
  const current = record as Record<string, unknown>;
  return spec.columns
    .filter((c) => !c.helper && dto[c.field] !== undefined)
    .filter((c) => {
      const [was, next] = [current[c.field] ?? null, dto[c.field] ?? null];
      if (was === null || next === null) return was !== next;
      if (c.kind === 'money' || c.kind === 'rate') {
        try {
          return !new Decimal(String(was)).eq(new Decimal(String(next)));
        } catch {
          return true;
        }
      }
      return was !== next;
    })
    .map((c) => c.field);
}

/**
 * A refused write becomes a problem of its row: a business rule (quantity below
 * use…) on the column its details name, else on `column` (the key, or the column a
 * database refusal names). A database refusal ends the writing, as the
 * transaction can go no further.
 */
function reportWriteError(ctx: ImportContext, error: unknown, row: ParsedRow, column: ImportColumn): void {
  const domain = error instanceof DomainError ? error : translateDatabaseError(error);
  if (!domain) throw error;
  const named = column.key
    ? ctx.spec.columns.find((c) => !c.key && Object.keys(domain.details).includes(c.field))
    : undefined;
  const at = named ?? column;
  ctx.problems.add(row.row, at, row.raw[at.field] ?? null, inWordsOf(at, domain.message));
  if (error instanceof QueryFailedError) throw new WriteAborted();
}

/**
 * The row and column a database refusal of a bulk insert is about: PostgreSQL names
 * the key, `Key (email)=(a@x.com) already exists` or `Key (org_unit_id)=(…) is not
 * present`, and the constraint's name its field (`uq_persons__email`). The new row
 * with that value is the one refused. Undefined when it cannot be told (a key of
 * several fields, a value no row has).
 */
export function refusedCreate<E>(
  spec: ImportSpec,
  error: unknown,
  creates: readonly PlannedRow<E>[],
): { row: ParsedRow; column: ImportColumn } | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const pg = error.driverError as { constraint?: string; detail?: string };
  const fields = (pg.constraint ?? '')
    .split('__')
    .slice(1)
    .map((s) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()));
  const value = /\)=\((.*)\) (?:already exists|is not present)/s.exec(pg.detail ?? '')?.[1];
  if (fields.length !== 1 || value === undefined) return undefined;
  const column = spec.columns.find((c) => c.field === fields[0] && !c.helper);
  if (!column) return undefined;
  const hit = creates.find((p) => {
    const v = p.dto[column.field];
    return v !== undefined && v !== null && fold(String(v)) === fold(value);
  });
  return hit && { row: hit.row, column };
}
