import { randomUUID } from 'node:crypto';
import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CreateAssetDto, UpdateAssetDto } from '../../inventory/assets/dto/asset.dto';
import { CreateLicenseDto, UpdateLicenseDto } from '../../licensing/licenses/dto/license.dto';
import { CreatePersonDto, UpdatePersonDto } from '../../inventory/persons/dto/person.dto';
import { convertCell } from './cell-values';
import {
  headerKey,
  headerKeys,
  headerRequired,
  IMPORT_SPECS,
  ImportEntity,
  isClearMarker,
} from './import-columns';

const DTOS: Partial<Record<ImportEntity, ClassConstructor<object>>> = {
  licenses: CreateLicenseDto,
  persons: CreatePersonDto,
  assets: CreateAssetDto,
};

describe('import column specs', () => {
  it.each(Object.values(IMPORT_SPECS))('$entity: every header a column answers to is its own', (spec) => {
    const keys = spec.columns.flatMap((c) => [...new Set(headerKeys(c))]);
    expect(keys.length).toBe(new Set(keys).size);
    expect(spec.columns.filter((c) => c.key).length).toBeLessThanOrEqual(1);
  });

  it.each(Object.entries(DTOS))(
    '%s: the example row is valid for the API (references aside)',
    (entity, dto) => {
      const spec = IMPORT_SPECS[entity as ImportEntity];
      const plain: Record<string, unknown> = {};
      for (const column of spec.columns) {
        if (column.helper || !column.example) continue;
        const converted = convertCell(column, column.example);
        expect(converted).toMatchObject({ ok: true });
        plain[column.field] = column.kind === 'ref' ? randomUUID() : (converted as { value: unknown }).value;
      }
      const errors = validateSync(plainToInstance(dto!, plain), {
        whitelist: true,
        forbidNonWhitelisted: true,
      });
      expect(errors).toEqual([]);
    },
  );

  it.each([
    ['licenses', UpdateLicenseDto],
    ['persons', UpdatePersonDto],
    ['assets', UpdateAssetDto],
  ] as const)('%s: the columns (none) may clear are those whose API field takes null', (entity, dto) => {
    for (const column of IMPORT_SPECS[entity].columns.filter((c) => !c.helper)) {
      const errors = validateSync(
        plainToInstance(dto as ClassConstructor<object>, { [column.field]: null }),
        {
          whitelist: true,
          forbidNonWhitelisted: true,
        },
      );
      expect({ field: column.field, nullable: errors.length === 0 }).toEqual({
        field: column.field,
        nullable: column.nullable ?? false,
      });
    }
  });

  it('asks the header for the key only, where there is one', () => {
    expect(headerRequired(IMPORT_SPECS.licenses).map((c) => c.header)).toEqual(['Name']);
    expect(headerRequired(IMPORT_SPECS.persons).map((c) => c.header)).toEqual(['Email']);
    expect(headerRequired(IMPORT_SPECS.seats).map((c) => c.header)).toEqual(['License']);
    expect(IMPORT_SPECS.seats.columns.some((c) => c.nullable)).toBe(false);
  });

  it('knows the clear marker in any case', () => {
    expect(isClearMarker(' (None) ')).toBe(true);
    expect(isClearMarker('none')).toBe(false);
  });

  it('matches headers without regard to case, blanks and punctuation', () => {
    expect(headerKey(' Net unit price ')).toBe(headerKey('netUnitPrice'));
    expect(headerKey('net_unit_price')).toBe(headerKey('NET UNIT PRICE'));
    expect(headerKey('VAT %')).not.toBe(headerKey('VAT'));
  });
});
