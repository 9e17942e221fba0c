import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Page, paginate, whereEquals } from '@libs/pagination';
import { TransactionRunner } from '../../platform/database/transaction';
import { AuditEvent } from './audit-event.entity';
import { AuditEventListQueryDto } from './dto/audit-event.dto';

export type NewAuditEvent = Pick<AuditEvent, 'action' | 'entity'> &
  Partial<Pick<AuditEvent, 'actorId' | 'entityId' | 'before' | 'after'>>;

/** Instants (ISO 8601) an event's `at` lies in: from `from` (included) to `before` (excluded). */
export interface AuditPeriod {
  from?: string;
  before?: string;
}

const LIST_SPEC = {
  sortable: { at: 'e.at' },
  defaultSort: '-at',
  searchable: ['e.entity', 'e.action', 'CAST(e.before AS text)', 'CAST(e.after AS text)'],
};

/** The audit trail's rows, in the open transaction when there is one (so an event commits with its change). */
@Injectable()
export class AuditRepository {
  constructor(private readonly db: TransactionRunner) {}

  private get manager(): EntityManager {
    return this.db.manager;
  }

  async insert(event: NewAuditEvent): Promise<void> {
    await this.manager.insert(AuditEvent, event as QueryDeepPartialEntity<AuditEvent>);
  }

  /** Newest first; events of one transaction keep their order. */
  list(query: AuditEventListQueryDto, period: AuditPeriod): Promise<Page<AuditEvent>> {
    const qb = this.manager.createQueryBuilder(AuditEvent, 'e');
    whereEquals(qb, {
      entity: query.entity,
      entityId: query.entityId?.toLowerCase(),
      actorId: query.actorId,
      action: query.action,
    });
    if (period.from) qb.andWhere('e.at >= :from', { from: period.from });
    if (period.before) qb.andWhere('e.at < :before', { before: period.before });
    return paginate(qb, query, LIST_SPEC, 'DESC');
  }
}
