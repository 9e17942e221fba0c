import { IMPORT_ENTITIES, IMPORT_SPECS, ImportSpec, requiredText } from './import-columns';
import { columnFormat } from './templates';

/**
 * The README's column tables, rendered from IMPORT_SPECS: one table per template,
 * the same facts as the template's Columns sheet. column-docs.spec.ts fails when the
 * README's block between the markers differs; print the block with
 * `npx ts-node -r tsconfig-paths/register src/io/imports/column-docs.ts` and paste it.
 */
export const COLUMN_DOCS_START =
  '<!-- import-columns:start (generated from src/io/imports/import-columns.ts) -->';
export const COLUMN_DOCS_END = '<!-- import-columns:end -->';

/** `|` would end a Markdown table cell. */
const cell = (text: string) => text.replace(/\|/g, '\\|');
const code = (text: string) => (text ? `\`${text}\`` : '');

export function columnTable(spec: ImportSpec): string {
  const lines = [
    `*${spec.sheetName}* (\`${spec.entity}\`):`,
    '',
    '| column | API field | type | required | allowed values / format | meaning |',
    '|---|---|---|---|---|---|',
  ];
  for (const c of spec.columns) {
    const { type, format } = columnFormat(c);
    const field = c.helper ? '(helps find Software)' : code(c.field);
    const aliases = c.aliases?.length ? ` (or ${c.aliases.join(', ')})` : '';
    const meaning = c.key ? `${c.description} The key of the row.` : c.description;
    lines.push(
      `| ${cell(c.header + aliases)} | ${field} | ${type} | ${requiredText(spec, c)} | ${cell(format)} | ${cell(meaning)} |`,
    );
  }
  return lines.join('\n');
}

/** The whole generated block, markers included. */
export function columnDocs(): string {
  const tables = IMPORT_ENTITIES.map((entity) => columnTable(IMPORT_SPECS[entity]));
  return [COLUMN_DOCS_START, '', tables.join('\n\n'), '', COLUMN_DOCS_END].join('\n');
}

/** The block as it stands in `readme`, markers included, or null without markers. */
export function columnDocsIn(readme: string): string | null {
  const start = readme.indexOf(COLUMN_DOCS_START);
  const end = readme.indexOf(COLUMN_DOCS_END);
  if (start < 0 || end < start) return null;
  return readme.slice(start, end + COLUMN_DOCS_END.length);
}

if (require.main === module) process.stdout.write(`${columnDocs()}\n`);
