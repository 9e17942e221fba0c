import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { columnDocs, columnDocsIn, columnTable } from './column-docs';
import { IMPORT_SPECS } from './import-columns';

describe('the README column tables', () => {
  it('are the ones IMPORT_SPECS renders (regenerate: see column-docs.ts)', () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('\n## Import\n'));
    const block = columnDocsIn(section.slice(0, section.indexOf('\n## ', 1) + 1 || undefined));
    expect(block).not.toBeNull();
    expect(block).toBe(columnDocs());
  });

  it('give each column its API field, type, whether it is required, and its values', () => {
    const licenses = columnTable(IMPORT_SPECS.licenses).split('\n');
    expect(licenses).toContain(
      '| Name | `name` | text | yes | up to 200 characters | Unique name. A row whose name is already a license updates it; otherwise it creates one. The key of the row. |',
    );
    expect(licenses.find((l) => l.startsWith('| Metric |'))).toMatch(
      /^\| Metric \| `metric` \| one of a list \| to create \| per_user, per_device \|/,
    );
    expect(licenses.find((l) => l.startsWith('| Org unit'))).toMatch(
      /^\| Org unit \(or Org unit code\) \| `orgUnitId` \| reference \| no \| code of an org unit; \(none\) clears it \|/,
    );
    const seats = columnTable(IMPORT_SPECS.seats).split('\n');
    expect(seats.find((l) => l.startsWith('| License |'))).toMatch(/\| `licenseId` \| reference \| yes \|/);
  });
});
