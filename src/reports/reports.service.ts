import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { AuthUser } from '../auth/auth-user';
import { ComplianceService } from './compliance.service';
import { CostsService } from './costs/costs.service';
import { CostLines } from './costs/cost-lines';
import { CostQueryDto } from './costs/cost-query.dto';
import { ExpiringService } from './expiring.service';
import { ComplianceQueryDto } from './dto/compliance.dto';
import { ExpiringQueryDto } from './dto/expiring.dto';
import { ReportFiles } from './report-files';
import { COMPLIANCE_COLUMNS, COST_COLUMNS, EXPIRING_COLUMNS } from './report-columns';

const MONEY_TOTALS = [
  { key: 'licenses', header: 'Licenses', kind: 'integer' as const },
  { key: 'seats', header: 'Seats', kind: 'integer' as const },
  { key: 'net', header: 'Net', kind: 'money' as const },
  { key: 'vat', header: 'VAT', kind: 'money' as const },
  { key: 'gross', header: 'Gross', kind: 'money' as const },
];

/** Each report as JSON, or as an xlsx or CSV file with the same figures. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly costs: CostsService,
    private readonly compliance: ComplianceService,
    private readonly expiring: ExpiringService,
    private readonly lines: CostLines,
    private readonly files: ReportFiles,
  ) {}

  async costReport(actor: AuthUser, query: CostQueryDto, res: Response): Promise<void> {
    const report = await this.costs.report(actor, query);
    if (!query.format || query.format === 'json') return void res.json(report);
    await this.files.send(
      res,
      query.format,
      {
        name: 'costs',
        title: `License costs by ${report.parameters.groupBy} (${report.parameters.view} view)`,
        actor,
        filters: query as unknown as Record<string, unknown>,
        sheet: 'Costs',
        columns: COST_COLUMNS,
        rows: report.rows,
        sumKeys: ['licenses', 'seats', 'net', 'vat', 'gross'],
        totals: report.totals.map((t) => ({ ...t })),
        totalColumns: MONEY_TOTALS,
        lines: () => this.lines.batches(actor, query),
      },
      query.detail,
    );
  }

  async complianceReport(actor: AuthUser, query: ComplianceQueryDto, res: Response): Promise<void> {
    if (!query.format || query.format === 'json')
      return void res.json(await this.compliance.report(actor, query));
    const { items } = await this.compliance.report(actor, query, true);
    await this.files.send(
      res,
      query.format,
      {
        name: 'compliance',
        title: 'License compliance',
        actor,
        filters: query as unknown as Record<string, unknown>,
        sheet: 'Compliance',
        columns: COMPLIANCE_COLUMNS,
        rows: items,
        sumKeys: ['quantity', 'used', 'available'],
        lines: () =>
          this.lines.batches(
            actor,
            query,
            items.map((r) => r.licenseId),
          ),
      },
      query.detail,
    );
  }

  async expiringReport(actor: AuthUser, query: ExpiringQueryDto, res: Response): Promise<void> {
    const report = await this.expiring.report(actor, query);
    if (!query.format || query.format === 'json') return void res.json(report);
    await this.files.send(
      res,
      query.format,
      {
        name: 'expiring',
        title: `Licenses expiring within ${report.days} days`,
        actor,
        filters: query as unknown as Record<string, unknown>,
        sheet: 'Expiring',
        columns: EXPIRING_COLUMNS,
        rows: report.rows,
        sumKeys: ['annualNet', 'annualGross'],
        lines: () => this.lines.batches(actor, query, [...new Set(report.rows.map((r) => r.licenseId))]),
      },
      query.detail,
    );
  }
}
