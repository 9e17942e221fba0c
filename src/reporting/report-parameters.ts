import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LicenseFilters } from '../licensing/licenses/dto/license.dto';

/** A line of a summary sheet: label and value. */
export type ReportParameter = [label: string, value: string];

/** The license list's filters as a summary sheet shows them, in this order; ids are looked up by name. */
const FILTERS: { key: keyof LicenseFilters; label: string; nameSql?: string }[] = [
  { key: 'q', label: 'Search' },
  {
    key: 'softwareId',
    label: 'Software',
    nameSql: `SELECT concat_ws(' ', name, version) AS name FROM software WHERE id = $1`,
  },
  { key: 'categoryId', label: 'Category', nameSql: 'SELECT name FROM license_categories WHERE id = $1' },
  { key: 'organizationId', label: 'Organization', nameSql: 'SELECT name FROM organizations WHERE id = $1' },
  {
    key: 'orgUnitId',
    label: 'Org unit',
    nameSql: `SELECT name || ' (' || code || ')' AS name FROM org_units WHERE id = $1`,
  },
  { key: 'supplierId', label: 'Supplier', nameSql: 'SELECT name FROM organizations WHERE id = $1' },
  {
    key: 'locationStructureId',
    label: 'Location structure',
    nameSql: 'SELECT name FROM locations WHERE id = $1',
  },
  { key: 'locationId', label: 'Location', nameSql: 'SELECT name FROM locations WHERE id = $1' },
  { key: 'metric', label: 'Metric' },
  { key: 'currency', label: 'Currency' },
  { key: 'status', label: 'Status' },
  { key: 'expiringWithinDays', label: 'Expiring within (days)' },
];

/**
 * What a report's summary sheet lists as its filters: the ones set, by a readable
 * label, a record's name instead of its id (one small look-up each), and nothing of
 * paging, sorting or the file format, which do not change a file's content.
 */
@Injectable()
export class ReportParameters {
  constructor(private readonly dataSource: DataSource) {}

  async filters(query: LicenseFilters): Promise<ReportParameter[]> {
    const out: ReportParameter[] = [];
    for (const { key, label, nameSql } of FILTERS) {
      const value = query[key];
      if (value === undefined || value === null || value === '') continue;
      out.push([label, nameSql ? await this.nameOf(nameSql, String(value)) : String(value)]);
    }
    return out;
  }

  private async nameOf(sql: string, id: string): Promise<string> {
    const rows: { name: string }[] = await this.dataSource.query(sql, [id]);
    return rows.length ? rows[0].name : `(unknown id ${id})`;
  }
}
