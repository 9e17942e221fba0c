import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Page, paginate, whereEquals } from '@libs/pagination';
import { isCalendarDate } from '../../platform/http/field-decorators';
import { AuditEvent } from './audit-event.entity';
import { AuditEventListQueryDto } from './dto/audit-event.dto';

export type NewAuditEvent = Pick<AuditEvent, 'action' | 'entity'> &
  Partial<Pick<AuditEvent, 'actorId' | 'entityId' | 'before' | 'after'>>;

const LIST_SPEC = {
  sortable: { at: 'e.at' },
  defaultSort: '-at',
  searchable: ['e.entity', 'e.action', 'CAST(e.before AS text)', 'CAST(e.after AS text)'],
};

const DAY_MS = 86_400_000;
// Years 1 to 9999: bounds outside are clamped, so no client value reaches SQL as an invalid date.
const EARLIEST = Date.parse('0001-01-01T00:00:00Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');
const iso = (ms: number) => new Date(Math.min(Math.max(ms, EARLIEST), LATEST)).toISOString();

/**
 * A `from`/`to` bound as `at >= x` or `at < x`. A date 'YYYY-MM-DD' is a whole UTC day,
 * `to` included; a timestamp counts to the millisecond, the precision events are shown in.
 */
function bound(value: string, end: 'from' | 'to'): { op: string; at: string } {
  const start = Date.parse(isCalendarDate(value) ? `${value}T00:00:00Z` : value);
  if (end === 'from') return { op: '>=', at: iso(start) };
  return { op: '<', at: iso(start + (isCalendarDate(value) ? DAY_MS : 1)) };
}

/**
 * The audit trail. Changes of records are written by the database's row triggers;
 * what no row change shows (logins) is written here.
 */
@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>) {}

  /** Writes one event; with the caller's manager it commits or rolls back with the caller's change. */
  async record(event: NewAuditEvent, manager: EntityManager = this.events.manager): Promise<void> {
    await manager.insert(AuditEvent, event as QueryDeepPartialEntity<AuditEvent>);
  }

  /** Newest first; events of one transaction keep their order. */
  list(query: AuditEventListQueryDto): Promise<Page<AuditEvent>> {
    const qb = this.events.createQueryBuilder('e');
    whereEquals(qb, {
      entity: query.entity,
      entityId: query.entityId?.toLowerCase(),
      actorId: query.actorId,
      action: query.action,
    });
    for (const end of ['from', 'to'] as const) {
      const value = query[end];
      if (!value) continue;
      const { op, at } = bound(value, end);
      qb.andWhere(`e.at ${op} :${end}`, { [end]: at });
    }
    return paginate(qb, query, LIST_SPEC, 'DESC');
  }
}
