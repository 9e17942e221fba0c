import { ASSET_KINDS, ASSET_STATUSES } from '../../inventory/assets/asset.entity';
import { LICENSE_METRICS } from '../../licensing/licenses/license.entity';

/**
 * The column specs of every import: one table per entity drives the template, the
 * explanation sheet, the header check and the conversion of each cell. Validation
 * itself is the API's: the converted row goes through the API's DTO.
 */
export const IMPORT_ENTITIES = ['licenses', 'persons', 'assets', 'seats'] as const;
export type ImportEntity = (typeof IMPORT_ENTITIES)[number];

export type ColumnKind = 'text' | 'int' | 'money' | 'rate' | 'date' | 'enum' | 'bool' | 'ref';

/** What a reference column names, by its natural key. */
export type RefKind =
  'orgUnit' | 'location' | 'organization' | 'software' | 'category' | 'person' | 'asset' | 'license';

export interface ImportColumn {
  /** The header in the template; matching ignores case, blanks and punctuation, and takes `field` too. */
  header: string;
  /** The API field the column fills; a reference column fills the id (`orgUnitId`). */
  field: string;
  kind: ColumnKind;
  /**
   * A record cannot be created without it. With a `key` column in the spec, only the key must be
   * in the header: a file may update some fields only, and the others are asked for on the rows
   * that create a record. A spec without a key (seats) needs every required column on every row.
   */
  required?: boolean;
  /** The natural key: a row updates the record with this key, or creates one. */
  key?: boolean;
  /** Allowed values of an `enum` column, as the API spells them. */
  values?: readonly string[];
  ref?: RefKind;
  /** Read but not sent to the API: it helps resolve another column (the software's version). */
  helper?: boolean;
  /** The API field takes null: a cell holding {@link CLEAR_MARKER} clears it on update. */
  nullable?: boolean;
  /** Upper-cased before validation (currency codes). */
  upper?: boolean;
  maxLength?: number;
  /** Other headers accepted for this column. */
  aliases?: readonly string[];
  example: string;
  description: string;
}

export interface ImportSpec {
  entity: ImportEntity;
  /** The data sheet's name in the template; an uploaded workbook's sheet of that name is read first. */
  sheetName: string;
  /** The record in a sentence: "person". */
  label: string;
  columns: readonly ImportColumn[];
  /** Each group: at least one of these fields must be in the header. */
  oneOf?: readonly (readonly string[])[];
  /** General rules, listed on the explanation sheet. */
  notes: readonly string[];
}

const orgUnit = (description = 'Org unit, by its code.'): ImportColumn => ({
  header: 'Org unit',
  field: 'orgUnitId',
  kind: 'ref',
  ref: 'orgUnit',
  nullable: true,
  aliases: ['Org unit code'],
  example: 'IT',
  description,
});

const location = (header: string, field: string, example: string, description: string): ImportColumn => ({
  header,
  field,
  kind: 'ref',
  ref: 'location',
  nullable: true,
  example,
  description: `${description} By its path from the top of the location tree, levels separated by "/".`,
});

const COMMON_NOTES = [
  'The header is row 1; each following row is one record. Blank rows are skipped.',
  'Columns may come in any order, and any column but the key may be left out: a file of the key and the columns to change updates just those. The other required columns are needed on the rows that create a record.',
  'An empty cell leaves the field as it is on an existing record, and takes the default on a new one.',
  'A cell holding exactly (none), in any case, clears a field that may be empty (org unit, dates, …); required fields and those with a default cannot be cleared.',
  'References name records by their natural key: org units by code, locations by path (Germany/Berlin/HQ), organizations, software and license categories by name (case-insensitive), persons by email, assets by inventory number, licenses by name.',
  'Amounts take "." or "," as decimal separator (1234.50, 1234,50, 1.234,50) and may carry the license\u2019s currency (€ 99, 99 EUR); "1,234" or "1.234" is ambiguous and refused.',
  'Dates are YYYY-MM-DD, DD.MM.YYYY or Excel date cells. Formula cells are read as their computed values.',
  'If any row has a problem, nothing is imported: every problem is listed with its row and column. ?dryRun=true checks the file without writing.',
];

const LICENSES: ImportSpec = {
  entity: 'licenses',
  sheetName: 'Licenses',
  label: 'license',
  columns: [
    {
      header: 'Name',
      field: 'name',
      kind: 'text',
      required: true,
      key: true,
      maxLength: 200,
      example: 'Office 2024 Volume',
      description: 'Unique name. A row whose name is already a license updates it; otherwise it creates one.',
    },
    {
      header: 'Metric',
      field: 'metric',
      kind: 'enum',
      values: LICENSE_METRICS,
      required: true,
      example: 'per_user',
      description: 'per_user: held by persons; per_device: held by assets.',
    },
    {
      header: 'Quantity',
      field: 'quantity',
      kind: 'int',
      required: true,
      example: '25',
      description: 'Number of seats; not below the seats in use.',
    },
    {
      header: 'Category',
      field: 'categoryId',
      kind: 'ref',
      nullable: true,
      ref: 'category',
      example: 'Volume',
      description: 'License type (category), by name.',
    },
    {
      header: 'Software',
      field: 'softwareId',
      kind: 'ref',
      nullable: true,
      ref: 'software',
      example: 'Microsoft Office',
      description: 'Software product, by name.',
    },
    {
      header: 'Software version',
      field: 'softwareVersion',
      kind: 'text',
      nullable: true,
      helper: true,
      maxLength: 50,
      example: '2024',
      description:
        'Picks the software when several versions share its name; (none): the one without a version.',
    },
    {
      header: 'Organization',
      field: 'organizationId',
      kind: 'ref',
      nullable: true,
      ref: 'organization',
      example: 'ACME Corp',
      description: 'Internal organization owning the license, by name.',
    },
    orgUnit('Org unit the license is placed on, by its code; without one, usable by everyone.'),
    location('Location structure', 'locationStructureId', 'Germany/Berlin', 'Where the software is used.'),
    location('Location', 'locationId', 'Germany/Berlin/HQ', 'Where the software physically is.'),
    {
      header: 'Serial number',
      field: 'serialNumber',
      kind: 'text',
      nullable: true,
      maxLength: 200,
      example: 'SN-2024-0001',
      description: 'Serial number of the license.',
    },
    {
      header: 'Inventory number',
      field: 'inventoryNumber',
      kind: 'text',
      nullable: true,
      maxLength: 100,
      example: 'LIC-0001',
      description: 'Inventory number of the license.',
    },
    {
      header: 'Supplier',
      field: 'supplierId',
      kind: 'ref',
      nullable: true,
      ref: 'organization',
      example: 'Reseller GmbH',
      description: 'Manufacturer or supplier organization, by name.',
    },
    {
      header: 'Expiration date',
      field: 'expirationDate',
      kind: 'date',
      nullable: true,
      example: '2027-12-31',
      description: 'When the license expires.',
    },
    {
      header: 'Support date',
      field: 'supportDate',
      kind: 'date',
      nullable: true,
      example: '2026-12-31',
      description: 'When support ends.',
    },
    {
      header: 'Purchase date',
      field: 'purchaseDate',
      kind: 'date',
      nullable: true,
      example: '2025-01-15',
      description: 'When the license was bought.',
    },
    {
      header: 'Invoice number',
      field: 'invoiceNumber',
      kind: 'text',
      nullable: true,
      maxLength: 100,
      example: 'INV-2025-001',
      description: 'Invoice of the purchase.',
    },
    {
      header: 'Currency',
      field: 'currency',
      kind: 'text',
      upper: true,
      maxLength: 3,
      example: 'EUR',
      description: 'ISO 4217 code of the prices; default EUR.',
    },
    {
      header: 'Net unit price',
      field: 'netUnitPrice',
      kind: 'money',
      example: '1234.50',
      description: 'Price of one seat without VAT, at most 2 decimals; default 0.',
    },
    {
      header: 'VAT %',
      field: 'vatRate',
      kind: 'rate',
      aliases: ['VAT', 'VAT rate'],
      example: '19',
      description: 'VAT rate in percent, 0 to 100; default 0.',
    },
    {
      header: 'Max activations per user',
      field: 'maxActivationsPerUser',
      kind: 'int',
      example: '1',
      description: 'Devices one person may activate a per_user seat on; default 1.',
    },
    {
      header: 'Max activations',
      field: 'maxActivations',
      kind: 'int',
      nullable: true,
      example: '50',
      description: 'Devices over the whole license; without a value, no limit.',
    },
    {
      header: 'Max device resets',
      field: 'maxDeviceResets',
      kind: 'int',
      nullable: true,
      example: '10',
      description: 'Device resets the license allows in all; without a value, no limit.',
    },
    {
      header: 'Notes',
      field: 'notes',
      kind: 'text',
      nullable: true,
      maxLength: 10000,
      example: 'Renewed yearly',
      description: 'Free text.',
    },
  ],
  notes: COMMON_NOTES,
};

const PERSONS: ImportSpec = {
  entity: 'persons',
  sheetName: 'Persons',
  label: 'person',
  columns: [
    {
      header: 'Email',
      field: 'email',
      kind: 'text',
      required: true,
      key: true,
      maxLength: 254,
      example: 'ann.lee@example.com',
      description:
        'Unique, case-insensitively. A row whose email is already a person updates them; otherwise it creates one.',
    },
    {
      header: 'First name',
      field: 'firstName',
      kind: 'text',
      required: true,
      maxLength: 100,
      example: 'Ann',
      description: 'First name.',
    },
    {
      header: 'Last name',
      field: 'lastName',
      kind: 'text',
      required: true,
      maxLength: 100,
      example: 'Lee',
      description: 'Last name.',
    },
    {
      header: 'Employee number',
      field: 'employeeNumber',
      kind: 'text',
      nullable: true,
      maxLength: 50,
      example: 'E-1042',
      description: 'Unique when given.',
    },
    orgUnit(),
    location('Location', 'locationId', 'Germany/Berlin/HQ', 'Where the person works.'),
    {
      header: 'Active',
      field: 'active',
      kind: 'bool',
      example: 'yes',
      description:
        'yes or no; default yes. Deactivating a person releases their seats; a deactivated person takes no new seat.',
    },
  ],
  notes: COMMON_NOTES,
};

const ASSETS: ImportSpec = {
  entity: 'assets',
  sheetName: 'Assets',
  label: 'asset',
  columns: [
    {
      header: 'Inventory number',
      field: 'inventoryNumber',
      kind: 'text',
      required: true,
      key: true,
      maxLength: 100,
      example: 'INV-2024-0042',
      description:
        'Unique. A row whose inventory number is already an asset updates it; otherwise it creates one.',
    },
    {
      header: 'Name',
      field: 'name',
      kind: 'text',
      required: true,
      maxLength: 200,
      example: 'WS-0042',
      description: 'Name or host name.',
    },
    {
      header: 'Serial number',
      field: 'serialNumber',
      kind: 'text',
      nullable: true,
      maxLength: 100,
      example: 'SN-5CG1234XYZ',
      description: 'Serial number of the device.',
    },
    {
      header: 'Kind',
      field: 'kind',
      kind: 'enum',
      values: ASSET_KINDS,
      example: 'laptop',
      description: 'Kind of device; default other.',
    },
    {
      header: 'Status',
      field: 'status',
      kind: 'enum',
      values: ASSET_STATUSES,
      example: 'in_use',
      description: 'Default in_use. Retiring an asset releases its seats; a retired asset takes no new seat.',
    },
    orgUnit(),
    location('Location', 'locationId', 'Germany/Berlin/HQ', 'Where the asset is.'),
    {
      header: 'Owner email',
      field: 'ownerPersonId',
      kind: 'ref',
      nullable: true,
      ref: 'person',
      aliases: ['Owner'],
      example: 'ann.lee@example.com',
      description: 'The person who owns the asset, by email.',
    },
  ],
  notes: COMMON_NOTES,
};

const SEATS: ImportSpec = {
  entity: 'seats',
  sheetName: 'Seats',
  label: 'seat',
  columns: [
    {
      header: 'License',
      field: 'licenseId',
      kind: 'ref',
      ref: 'license',
      required: true,
      example: 'Office 2024 Volume',
      description: 'The license, by name.',
    },
    {
      header: 'Person email',
      field: 'personId',
      kind: 'ref',
      ref: 'person',
      aliases: ['Person', 'Email'],
      example: 'ann.lee@example.com',
      description: 'The person receiving a seat of a per_user license, by email.',
    },
    {
      header: 'Asset inventory number',
      field: 'assetId',
      kind: 'ref',
      ref: 'asset',
      aliases: ['Asset', 'Inventory number'],
      example: '',
      description: 'The asset receiving a seat of a per_device license, by inventory number.',
    },
  ],
  oneOf: [['personId', 'assetId']],
  notes: [
    'The header is row 1; each following row assigns one seat: a license and either a person (per_user) or an asset (per_device).',
    'Assignments follow the rules of the API: the metric, the quantity (a license the file would over-allocate is refused with its rows), the license\u2019s org unit, no deactivated person and no retired asset.',
    'A seat the holder already has is kept and counted as unchanged; the import never removes seats.',
    'If any row has a problem, nothing is imported: every problem is listed with its row and column. ?dryRun=true checks the file without writing.',
  ],
};

export const IMPORT_SPECS: Record<ImportEntity, ImportSpec> = {
  licenses: LICENSES,
  persons: PERSONS,
  assets: ASSETS,
  seats: SEATS,
};

/**
 * The cell that clears a nullable field on update (an empty cell keeps it): `(none)`,
 * matched without regard to case and surrounding blanks.
 */
export const CLEAR_MARKER = '(none)';

export function isClearMarker(text: string): boolean {
  return text.trim().toLowerCase() === CLEAR_MARKER;
}

/** The column a row is matched by (create or update), if the import has one. */
export function keyColumn(spec: ImportSpec): ImportColumn | undefined {
  return spec.columns.find((c) => c.key);
}

/**
 * The columns the header must have: the key alone when there is one (rows that create a
 * record are asked for the other required values row by row), else every required column.
 */
export function headerRequired(spec: ImportSpec): ImportColumn[] {
  const key = keyColumn(spec);
  return key ? [key] : spec.columns.filter((c) => c.required);
}

/** "yes" (in the header, on every row), "to create" (on rows that create a record), "no". */
export function requiredText(spec: ImportSpec, column: ImportColumn): 'yes' | 'to create' | 'no' {
  if (headerRequired(spec).includes(column)) return 'yes';
  return column.required ? 'to create' : 'no';
}

export function isImportEntity(value: string): value is ImportEntity {
  return (IMPORT_ENTITIES as readonly string[]).includes(value);
}

/** Header matching ignores case, blanks and punctuation: "Net unit price", "net_unit_price", "netUnitPrice". */
export function headerKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}%]/gu, '');
}

/** Every header a column answers to. */
export function headerKeys(column: ImportColumn): string[] {
  return [column.header, column.field, ...(column.aliases ?? [])].map(headerKey);
}
