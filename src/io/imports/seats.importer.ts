import { Injectable } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { DomainError } from '@libs/errors';
import { translateDatabaseError } from '../../platform/database/database-errors';
import { SeatsService } from '../../licensing/seats/seats.service';
import { SeatsRepository } from '../../licensing/seats/seats.repository';
import { HolderKind, SeatErrorCode } from '../../licensing/seat-engine';
import { IMPORT_SPECS, ImportColumn } from './import-columns';
import type { ParsedRow } from './import-rows';
import { EntityImporter, ImportContext, ImportCounts } from './record-importer';
import { ReferenceResolver } from './references';

/** One seat the file asks for. */
interface Wanted {
  row: ParsedRow;
  licenseId: string;
  kind: HolderKind;
  holderId: string;
  holder: ImportColumn;
}

/** Rows named in one message at most; the others are counted. */
const ROWS_NAMED = 20;

/**
 * Seats: a license and a person (per_user) or an asset (per_device) per row. The
 * rows of one license go through SeatsService.assign together, in the import's
 * transaction, so every rule of the API holds and a license the file would
 * over-allocate is refused with its rows. Seats already held are kept.
 */
@Injectable()
export class SeatsImporter implements EntityImporter {
  readonly spec = IMPORT_SPECS.seats;
  private readonly license = this.column('licenseId');
  private readonly person = this.column('personId');
  private readonly asset = this.column('assetId');

  constructor(
    private readonly seats: SeatsService,
    private readonly held: SeatsRepository,
    private readonly references: ReferenceResolver,
  ) {}

  async run(ctx: ImportContext, rows: ParsedRow[]): Promise<ImportCounts> {
    const { problems } = ctx;
    for (const row of rows) {
      const [person, asset] = [row.raw.personId ?? null, row.raw.assetId ?? null];
      if (person !== null && asset !== null) {
        problems.add(
          row.row,
          this.asset,
          asset,
          `Fill in ${this.person.header} or ${this.asset.header}, not both.`,
        );
      } else if (person === null && asset === null) {
        const column = row.raw.personId === undefined ? this.asset : this.person;
        problems.add(
          row.row,
          column,
          null,
          `Fill in ${this.person.header} (per_user license) or ${this.asset.header} (per_device license).`,
        );
      }
    }
    await this.references.resolve(this.spec, rows, problems);

    const wanted = this.wantedSeats(ctx, rows);
    const held = await this.heldSeats(wanted);
    const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
    const groups = new Map<string, Wanted[]>();
    for (const w of wanted) {
      if (held.has(seatKey(w))) {
        counts.unchanged++;
        continue;
      }
      const group = `${w.licenseId}:${w.kind}`;
      groups.set(group, [...(groups.get(group) ?? []), w]);
    }
    for (const group of groups.values()) {
      const outcome = await this.assignGroup(ctx, group);
      counts.created += outcome.created;
      if (outcome.aborted) break;
    }
    return counts;
  }

  /** The seats of rows without problems; the same seat twice in the file is a problem. */
  private wantedSeats(ctx: ImportContext, rows: ParsedRow[]): Wanted[] {
    const wanted: Wanted[] = [];
    const firstRowOf = new Map<string, number>();
    for (const row of rows) {
      if (ctx.problems.has(row.row)) continue;
      const kind: HolderKind = row.values.personId ? 'person' : 'asset';
      const w: Wanted = {
        row,
        licenseId: row.values.licenseId as string,
        kind,
        holderId: (kind === 'person' ? row.values.personId : row.values.assetId) as string,
        holder: kind === 'person' ? this.person : this.asset,
      };
      const first = firstRowOf.get(seatKey(w));
      if (first !== undefined) {
        ctx.problems.add(
          row.row,
          w.holder,
          row.raw[w.holder.field],
          `Duplicate: row ${first} assigns the same seat.`,
        );
      } else {
        firstRowOf.set(seatKey(w), row.row);
        wanted.push(w);
      }
    }
    return wanted;
  }

  /** Seats the file asks for that their holders hold already, in one query. */
  private async heldSeats(wanted: Wanted[]): Promise<Set<string>> {
    if (!wanted.length) return new Set();
    const ids = (kind: HolderKind) => [
      ...new Set(wanted.filter((w) => w.kind === kind).map((w) => w.holderId)),
    ];
    const rows = await this.held.heldAmong(
      [...new Set(wanted.map((w) => w.licenseId))],
      ids('person'),
      ids('asset'),
    );
    return new Set(
      rows.map((s) =>
        seatKey({
          licenseId: s.licenseId,
          kind: s.personId ? 'person' : 'asset',
          holderId: (s.personId ?? s.assetId) as string,
        }),
      ),
    );
  }

  /**
   * Assigns one license's seats of one kind, all or none, as the API does. A refusal
   * naming holders (inactive, retired, out of scope) marks their rows and the rest is
   * tried again, so the quantity is checked too; any other refusal marks every row.
   */
  private async assignGroup(
    ctx: ImportContext,
    group: Wanted[],
  ): Promise<{ created: number; aborted: boolean }> {
    let pending = group;
    while (pending.length) {
      const { licenseId, kind } = pending[0];
      try {
        const seats = await this.seats.assign(
          ctx.actor,
          licenseId,
          kind,
          pending.map((w) => w.holderId),
        );
        return { created: seats.length, aborted: false };
      } catch (error) {
        const refusal = error instanceof DomainError ? error : translateDatabaseError(error);
        if (!refusal) throw error;
        const aborted = error instanceof QueryFailedError;
        const named = refusal.details[`${kind}Ids`];
        const hit = Array.isArray(named) && !aborted ? pending.filter((w) => named.includes(w.holderId)) : [];
        if (hit.length) {
          for (const w of hit)
            ctx.problems.add(w.row.row, w.holder, w.row.raw[w.holder.field], refusal.message);
          pending = pending.filter((w) => !hit.includes(w));
          continue;
        }
        this.refuseAll(ctx, pending, refusal);
        return { created: 0, aborted };
      }
    }
    return { created: 0, aborted: false };
  }

  /** Every row of the group gets the refusal, naming the rows: the file as a whole asks too much. */
  private refuseAll(ctx: ImportContext, pending: Wanted[], refusal: DomainError): void {
    const rows = pending.map((w) => w.row.row);
    const named =
      rows.slice(0, ROWS_NAMED).join(', ') +
      (rows.length > ROWS_NAMED ? ` and ${rows.length - ROWS_NAMED} more` : '');
    const license = pending[0].row.raw.licenseId;
    const message = `License "${license}": ${refusal.message.replace(/\.$/, '')} (${rows.length > 1 ? 'rows' : 'row'} ${named}).`;
    for (const w of pending) {
      const column = refusal.code === SeatErrorCode.WRONG_METRIC ? w.holder : this.license;
      ctx.problems.add(w.row.row, column, w.row.raw[column.field] ?? null, message);
    }
  }

  private column(field: string): ImportColumn {
    return this.spec.columns.find((c) => c.field === field) as ImportColumn;
  }
}

function seatKey(w: Pick<Wanted, 'licenseId' | 'kind' | 'holderId'>): string {
  return `${w.licenseId}:${w.kind}:${w.holderId}`;
}
