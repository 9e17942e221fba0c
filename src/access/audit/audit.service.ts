import { Injectable } from '@nestjs/common';
import { Page } from '@libs/pagination';
import { isCalendarDate } from '../../platform/http/field-decorators';
import { AuditEvent } from './audit-event.entity';
import { AuditEventListQueryDto } from './dto/audit-event.dto';
import { AuditPeriod, AuditRepository, NewAuditEvent } from './audit.repository';

const DAY_MS = 86_400_000;
// Years 1 to 9999: bounds outside are clamped, so no client value reaches SQL as an invalid date.
const EARLIEST = Date.parse('0001-01-01T00:00:00Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');
const iso = (ms: number) => new Date(Math.min(Math.max(ms, EARLIEST), LATEST)).toISOString();

/**
 * The `from`/`to` filters as a period. A date 'YYYY-MM-DD' is a whole UTC day, `to`
 * included; a timestamp counts to the millisecond, the precision events are shown in.
 */
function period({ from, to }: AuditEventListQueryDto): AuditPeriod {
  const start = (value: string) => Date.parse(isCalendarDate(value) ? `${value}T00:00:00Z` : value);
  return {
    from: from ? iso(start(from)) : undefined,
    before: to ? iso(start(to) + (isCalendarDate(to) ? DAY_MS : 1)) : undefined,
  };
}

/**
 * The audit trail. Changes of records are written by the database's row triggers;
 * what no row change shows (logins) is written here.
 */
@Injectable()
export class AuditService {
  constructor(private readonly events: AuditRepository) {}

  /** Writes one event; inside a transaction it commits or rolls back with the caller's change. */
  async record(event: NewAuditEvent): Promise<void> {
    await this.events.insert(event);
  }

  /** Newest first; events of one transaction keep their order. */
  list(query: AuditEventListQueryDto): Promise<Page<AuditEvent>> {
    return this.events.list(query, period(query));
  }
}
