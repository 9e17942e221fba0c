import { Injectable } from '@nestjs/common';
import { DEFAULT_PAGE_SIZE, Page } from '@libs/pagination';
import { AuthUser } from '../platform/access/auth-user';
import { licenseStatus, todayIso } from '../licensing/licenses/license-status';
import { LicenseUsageRow, SeatUsageRepository } from '../licensing/seats/seat-usage.repository';
import { complianceFindings } from './compliance-findings';
import { LicenseLine, licenseLine } from './costs/cost-lines';
import { ComplianceQueryDto, ComplianceRowDto } from './dto/compliance.dto';

export const COMPLIANCE_BATCH = 1000;

/**
 * Per license: quantity, use and the findings an auditor asks about. A report is a
 * read model: one query over licenses, seats and their holders (SeatUsageRepository),
 * filtered by the license list's own filters.
 */
@Injectable()
export class ComplianceService {
  constructor(private readonly usage: SeatUsageRepository) {}

  /** One page, over the licenses the actor may see (the license list's scope too). */
  async report(actor: AuthUser, query: ComplianceQueryDto): Promise<Page<ComplianceRowDto>> {
    const today = todayIso();
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const rows = await this.usage.usagePage(actor, query, today, {
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    return {
      items: rows.map((r) => this.toRow(r, today)),
      total: rows.length ? Number(rows[0].total) : 0,
      page,
      pageSize,
    };
  }

  /**
   * Every row of the report, in the JSON's order: what a file export streams,
   * however many licenses there are. Licenses are read in keyset batches (name, id)
   * with the counts of each batch's seats only; with `onlyFindings` a batch keeps the
   * licenses whose findings ({@link complianceFindings}) are not empty.
   */
  async *batches(
    actor: AuthUser,
    query: ComplianceQueryDto,
    today = todayIso(),
  ): AsyncGenerator<ComplianceRowDto[]> {
    for await (const batch of this.read(actor, query, today, false)) yield batch.map((b) => b.row);
  }

  /**
   * The license lines behind the report: the licenses of {@link batches}, read by the
   * same query (the filters, and with `onlyFindings` the same findings), in its order.
   */
  async *lineBatches(
    actor: AuthUser,
    query: ComplianceQueryDto,
    today = todayIso(),
  ): AsyncGenerator<LicenseLine[]> {
    for await (const batch of this.read(actor, query, today, true)) yield batch.map((b) => b.line!);
  }

  private async *read(
    actor: AuthUser,
    query: ComplianceQueryDto,
    today: string,
    withLines: boolean,
  ): AsyncGenerator<{ row: ComplianceRowDto; line?: LicenseLine }[]> {
    for (let after: { afterName: string; afterId: string } | null = null; ;) {
      const rows = await this.usage.usageBatch(actor, query, today, {
        after,
        limit: COMPLIANCE_BATCH,
        withLines,
      });
      const kept = rows
        .map((r) => ({ row: this.toRow(r, today), line: withLines ? licenseLine(r) : undefined }))
        .filter(({ row }) => !query.onlyFindings || row.findings.length > 0);
      if (kept.length) yield kept;
      if (rows.length < COMPLIANCE_BATCH) return;
      const last = rows[rows.length - 1];
      after = { afterName: last.name, afterId: last.id };
    }
  }

  private toRow(r: LicenseUsageRow, today: string): ComplianceRowDto {
    const status = licenseStatus(r.expiration_date, today);
    return {
      licenseId: r.id,
      name: r.name,
      metric: r.metric,
      quantity: r.quantity,
      used: r.used_seats,
      available: r.quantity - r.used_seats,
      status,
      expirationDate: r.expiration_date,
      activeDevices: r.active_devices,
      findings: complianceFindings({
        status,
        quantity: r.quantity,
        used: r.used_seats,
        inactiveHolders: r.inactive_holders,
        retiredHolders: r.retired_holders,
        outOfScope: r.out_of_scope,
        seatsOverActivationLimit: r.over_activation,
        activeDevices: r.active_devices,
        maxActivations: r.max_activations,
      }),
    };
  }
}
