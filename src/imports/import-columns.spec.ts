import { randomUUID } from 'node:crypto';
import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CreateAssetDto } from '../assets/dto/asset.dto';
import { CreateLicenseDto } from '../licenses/dto/license.dto';
import { CreatePersonDto } from '../persons/dto/person.dto';
import { convertCell } from './cell-values';
import { headerKey, headerKeys, IMPORT_SPECS, ImportEntity } from './import-columns';

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

  it('matches headers without regard to case, blanks and punctuation', () => {
    expect(headerKey(' Net unit price ')).toBe(headerKey('netUnitPrice'));
    expect(headerKey('net_unit_price')).toBe(headerKey('NET UNIT PRICE'));
    expect(headerKey('VAT %')).not.toBe(headerKey('VAT'));
  });
});
