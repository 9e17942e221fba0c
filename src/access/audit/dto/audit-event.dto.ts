import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, ValidateBy } from 'class-validator';
import { EnumFilter, isCalendarDate, UuidFilter } from '../../../platform/http/field-decorators';
import { ListQueryDto } from '../../../platform/http/list-query.dto';
import { AUDIT_ACTIONS, AUDIT_ENTITIES, AuditEvent } from '../audit-event.entity';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** 'YYYY-MM-DD' (a whole UTC day) or an ISO 8601 timestamp with its offset. */
export function isDateOrTimestamp(value: unknown): value is string {
  if (isCalendarDate(value)) return true;
  return typeof value === 'string' && TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value));
}

const IsDateOrTimestamp = () =>
  ValidateBy({
    name: 'isDateOrTimestamp',
    validator: {
      validate: (value) => isDateOrTimestamp(value),
      defaultMessage: (args) =>
        `${args?.property} must be a date YYYY-MM-DD or an ISO 8601 timestamp such as 2026-01-31T12:00:00Z`,
    },
  });

export class AuditEventListQueryDto extends ListQueryDto {
  @EnumFilter(AUDIT_ENTITIES)
  entity?: string;

  @UuidFilter()
  entityId?: string;

  @UuidFilter()
  actorId?: string;

  @EnumFilter(AUDIT_ACTIONS)
  action?: string;

  @ApiPropertyOptional({ description: 'from this date (inclusive, UTC) or timestamp', example: '2026-01-01' })
  @IsOptional()
  @IsDateOrTimestamp()
  from?: string;

  @ApiPropertyOptional({
    description: 'up to this date (inclusive, UTC) or timestamp',
    example: '2026-01-31',
  })
  @IsOptional()
  @IsDateOrTimestamp()
  to?: string;
}

export class AuditEventDto {
  @ApiProperty({ description: 'sequence number of the event', example: '42' }) id: string;
  @ApiProperty() at: Date;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'null: start-up or the database',
  })
  actorId: string | null;
  @ApiProperty({ enum: AUDIT_ACTIONS }) action: string;
  @ApiProperty({ enum: AUDIT_ENTITIES }) entity: string;
  @ApiProperty({ type: String, nullable: true }) entityId: string | null;
  @ApiProperty({
    type: Object,
    additionalProperties: true,
    nullable: true,
    description: 'fields before: the changed ones (update) or all (delete); secrets masked',
  })
  before: Record<string, unknown> | null;
  @ApiProperty({
    type: Object,
    additionalProperties: true,
    nullable: true,
    description: 'fields after: the changed ones (update) or all (create); secrets masked',
  })
  after: Record<string, unknown> | null;

  static from({ id, at, actorId, action, entity, entityId, before, after }: AuditEvent): AuditEventDto {
    return { id, at, actorId, action, entity, entityId, before, after };
  }
}
