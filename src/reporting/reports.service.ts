import { Injectable } from '@nestjs/common';
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
import { flatten, ReportDownload, ReportFiles } from './report-files';
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

/** What a report answers: its JSON, or a file for the controller to send. */
export type ReportAnswer = { json: unknown } | { file: ReportDownload };

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

  async costReport(actor: AuthUser, query: CostQueryDto): Promise<ReportAnswer> {
    if (query.format === 'csv' && query.detail) {
      return { file: this.files.lines('costs', this.lines.batches(actor, query)) };
    }
    const report = await this.costs.report(actor, query);
    if (isJson(query.format)) return { json: report };
    const { groupBy, view, from, to, depth } = report.parameters;
    const file = this.files.file(query.format as 'xlsx' | 'csv', {
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
    return { file };
  }

  async complianceReport(actor: AuthUser, query: ComplianceQueryDto): Promise<ReportAnswer> {
    if (isJson(query.format)) return { json: await this.compliance.report(actor, query) };
    // Files hold every license, read in batches; the lines are those of the same licenses.
    const today = todayIso();
    const lines = () => this.compliance.lineBatches(actor, query, today);
    if (query.format === 'csv' && query.detail) return { file: this.files.lines('compliance', lines()) };
    const file = this.files.file(query.format as 'xlsx' | 'csv', {
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
    return { file };
  }

  async expiringReport(actor: AuthUser, query: ExpiringQueryDto): Promise<ReportAnswer> {
    if (isJson(query.format)) return { json: await this.expiring.report(actor, query) };
    const window = this.expiring.window(query);
    const lines = () => this.lines.batches(actor, query, window, window.from);
    if (query.format === 'csv' && query.detail) return { file: this.files.lines('expiring', lines()) };
    // The summary sheet comes first: its totals are read in a first pass, then the rows stream.
    const totals = query.format === 'xlsx' ? await this.expiring.totals(actor, query, window) : [];
    const file = this.files.file(query.format as 'xlsx' | 'csv', {
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
    return { file };
  }
}

function optional(label: string, value: string | number | null): ReportParameter[] {
  return value === null ? [] : [[label, String(value)]];
}
