import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { BooleanFilter } from '../../../platform/http/field-decorators';
import { IMPORT_ENTITIES } from '../import-columns';
import type { TemplateFormat } from '../templates';

export class ImportTemplateQueryDto {
  @ApiPropertyOptional({ enum: ['xlsx', 'csv'], default: 'xlsx' })
  @IsOptional()
  @IsIn(['xlsx', 'csv'])
  format?: TemplateFormat;
}

export class ImportQueryDto {
  /** true: check the file and report what would happen, write nothing. */
  @BooleanFilter()
  dryRun?: boolean;
}

/** The multipart body of an import. */
export class ImportFileDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: 'xlsx or CSV (UTF-8, "," or ";"), at most 20 MB',
  })
  file: unknown;
}

export class ImportProblemDto {
  @ApiProperty({ description: 'row number as Excel shows it: the header is row 1', example: 2 }) row: number;
  @ApiProperty({ description: 'the column header, as the template names it', example: 'Net unit price' })
  column: string;
  @ApiProperty({
    description:
      'the API field the column fills, camelCase; a reference column names the id it fills (Org unit → orgUnitId)',
    example: 'netUnitPrice',
  })
  field: string;
  @ApiProperty({ type: String, nullable: true, description: 'the cell as read', example: '1,234' })
  value: string | null;
  @ApiProperty({ example: '"1,234" is ambiguous: …' }) message: string;
}

export class ImportResultDto {
  @ApiProperty({ enum: IMPORT_ENTITIES }) entity: string;
  @ApiProperty({ description: 'nothing was written: the counts say what the import would do' })
  dryRun: boolean;
  @ApiProperty({ description: 'data rows read (blank rows left out)' }) rows: number;
  @ApiProperty({ description: 'records (or seats) created; 0 when there are errors' }) created: number;
  @ApiProperty({ description: 'existing records changed; 0 when there are errors' }) updated: number;
  @ApiProperty({ description: 'rows matching a record (or seat) that needed no change' }) unchanged: number;
  @ApiProperty({ description: 'all problems found; at most 10,000 are listed in errors' }) errorCount: number;
  @ApiProperty({ type: [ImportProblemDto], description: 'any: nothing was written' })
  errors: ImportProblemDto[];
}
