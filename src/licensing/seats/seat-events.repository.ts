import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Page, PageRequest, paginate } from '@libs/pagination';
import { AuthUser } from '../../platform/access/auth-user';
import { TransactionRunner } from '../../platform/database/transaction';
import { SeatEvent } from './seat-event.entity';
import { HolderScopeRepository } from './holder-scope.repository';

export type NewSeatEvent = Pick<SeatEvent, 'licenseId' | 'action'> & Partial<SeatEvent>;

const LIST_SPEC = { sortable: { at: 'e.at' }, defaultSort: '-at', searchable: ['e.action'] };

/** The seat history's rows (seat_events): appended in the transaction of the change they record. */
@Injectable()
export class SeatEventsRepository {
  constructor(
    private readonly db: TransactionRunner,
    private readonly holderScope: HolderScopeRepository,
  ) {}

  private get manager(): EntityManager {
    return this.db.manager;
  }

  async append(events: readonly NewSeatEvent[]): Promise<void> {
    await this.manager.insert(SeatEvent, events as QueryDeepPartialEntity<SeatEvent>[]);
  }

  /** The license's events, newest first (those of one transaction in their order); a department head's holders only. */
  page(actor: AuthUser, licenseId: string, request: PageRequest): Promise<Page<SeatEvent>> {
    const qb = this.manager
      .createQueryBuilder(SeatEvent, 'e')
      .where('e.licenseId = :licenseId', { licenseId });
    this.holderScope.restrictToHolders(qb, actor);
    return paginate(qb, request, LIST_SPEC, 'DESC');
  }
}
