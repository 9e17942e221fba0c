import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { TotalColumn } from '@libs/excel';
import { AuthUser } from '../platform/access/auth-user';
import { todayIso } from '../licensing/licenses/license-status';
import { ComplianceService } from './compliance.service';
import { CostsService } from './costs/costs.service';
import { CostLines } from './costs/cost-lines';
import { CostQueryDto } from './costs/cost-query.dto';
import { ExpiringService } from './expiring.service';
import { ComplianceQueryDto } from './dto/compliance.dto';
import { ExpiringQueryDto } from './dto/expiring.dto';
import { flatten, ReportFiles } from './report-files';
import { ReportParameter, ReportParameters } from './report-parameters';
import { COMPLIANCE_COLUMNS, COST_COLUMNS, EXPIRING_COLUMNS } from './report-columns';

/** The cost totals of the summary sheet: `licenses` counts distinct licenses, as in the JSON. */
const COST_TOTALS: TotalColumn[] = [
  { key: 'licenses', header: 'Licenses', kind: 'integer' },
  { key: 'seats', header: 'Seats', kind: 'integer' },
  { key: 'net', header: 'Net', kind: 'money' },
  { key: 'vat', header: 'VAT', kind: 'money' },
  { key: 'gross', header: 'Gross', kind: 'money' },
];

/**
 * What the Costs sheet's totals rows sum. Not `licenses`: in the use view one license
 * is in several groups, so a sum of the column would count it more than once; the
 * summary sheet has the distinct count.
 */
const COST_SUMS = ['seats', 'net', 'vat', 'gross'];

const EXPIRING_TOTALS: TotalColumn[] = [
  { key: 'licenses', header: 'Licenses', kind: 'integer' },
  { key: 'quantity', header: 'Quantity', kind: 'integer' },
  { key: 'annualNet', header: 'Annual net', kind: 'money' },
  { key: 'annualGross', header: 'Annual gross', kind: 'money' },
];

const isJson = (format?: string) => !format || format === 'json';

/** Each report as JSON, or as an xlsx or CSV file with the same figures. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly costs: CostsService,
    private readonly compliance: ComplianceService,
    private readonly expiring: ExpiringService,
    private readonly lines: CostLines,
    private readonly files: ReportFiles,
    private readonly parameters: ReportParameters,
  ) {}

  async costReport(actor: AuthUser, query: CostQueryDto, res: Response): Promise<void> {
    if (query.format === 'csv' && query.detail) {
      return this.files.sendLines(res, 'costs', this.lines.batches(actor, query));
    }
    const report = await this.costs.report(actor, query);
    if (isJson(query.format)) return void res.json(report);
    const { groupBy, view, from, to, depth } = report.parameters;
    await this.files.send(res, query.format as 'xlsx' | 'csv', {
      name: 'costs',
      title: `License costs by ${groupBy} (${view} view)`,
      actor,
      parameters: [
        ['Group by', groupBy],
        ['View', view],
        ...optional('Purchased from', from),
        ...optional('Purchased to', to),
        ...optional('Org unit level', depth),
        ...(await this.parameters.filters(query)),
      ],
      sheet: 'Costs',
      columns: COST_COLUMNS,
      rows: () => report.rows,
      sumKeys: COST_SUMS,
      totals: report.totals.map((t) => ({ ...t })),
      totalColumns: COST_TOTALS,
      lines: () => this.lines.batches(actor, query),
    });
  }

  async complianceReport(actor: AuthUser, query: ComplianceQueryDto, res: Response): Promise<void> {
    if (isJson(query.format)) return void res.json(await this.compliance.report(actor, query));
    // Files hold every license, read in batches; the lines are those of the same licenses.
    const today = todayIso();
    const lines = () => this.compliance.lineBatches(actor, query, today);
    if (query.format === 'csv' && query.detail) return this.files.sendLines(res, 'compliance', lines());
    await this.files.send(res, query.format as 'xlsx' | 'csv', {
      name: 'compliance',
      title: 'License compliance',
      actor,
      parameters: [
        ['Licenses', query.onlyFindings ? 'only those with findings' : 'all'],
        ...(await this.parameters.filters(query)),
      ],
      sheet: 'Compliance',
      columns: COMPLIANCE_COLUMNS,
      rows: () => flatten(this.compliance.batches(actor, query, today)),
      sumKeys: ['quantity', 'used', 'available'],
      lines,
    });
  }

  async expiringReport(actor: AuthUser, query: ExpiringQueryDto, res: Response): Promise<void> {
    if (isJson(query.format)) return void res.json(await this.expiring.report(actor, query));
    const window = this.expiring.window(query);
    const lines = () => this.lines.batches(actor, query, this.expiring.windowCondition(window), window.from);
    if (query.format === 'csv' && query.detail) return this.files.sendLines(res, 'expiring', lines());
    // The summary sheet comes first: its totals are read in a first pass, then the rows stream.
    const totals = query.format === 'xlsx' ? await this.expiring.totals(actor, query, window) : [];
    await this.files.send(res, query.format as 'xlsx' | 'csv', {
      name: 'expiring',
      title: `Licenses expiring within ${window.days} days`,
      actor,
      parameters: [
        ['Window', `${window.from} to ${window.until} (${window.days} days)`],
        ...(await this.parameters.filters(query)),
      ],
      sheet: 'Expiring',
      columns: EXPIRING_COLUMNS,
      rows: () => flatten(this.expiring.batches(actor, query, window)),
      sumKeys: ['quantity', 'annualNet', 'annualGross'],
      totals: totals.map((t) => ({ ...t })),
      totalColumns: EXPIRING_TOTALS,
      lines,
    });
  }
}

function optional(label: string, value: string | number | null): ReportParameter[] {
  return value === null ? [] : [[label, String(value)]];
}
