import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Page, PageRequest, paginate } from '@libs/pagination';
import { AuthUser } from '../auth/auth-user';
import { OrgScope } from '../org-units/org-scope.service';
import { SeatEvent } from './seat-event.entity';
import { restrictToHolders } from './holder-scope';

export type NewSeatEvent = Pick<SeatEvent, 'licenseId' | 'action'> & Partial<SeatEvent>;

const LIST_SPEC = { sortable: { at: 'e.at' }, defaultSort: '-at', searchable: ['e.action'] };

/** Append-only history of seats: written in the transaction of the change it records. */
@Injectable()
export class SeatHistory {
  constructor(
    @InjectRepository(SeatEvent) private readonly events: Repository<SeatEvent>,
    private readonly scope: OrgScope,
  ) {}

  async record(manager: EntityManager, events: NewSeatEvent[]): Promise<void> {
    if (events.length) await manager.insert(SeatEvent, events as QueryDeepPartialEntity<SeatEvent>[]);
  }

  /** Newest first; events of one transaction keep their order. A department head sees those of their holders. */
  list(actor: AuthUser, licenseId: string, request: PageRequest): Promise<Page<SeatEvent>> {
    const qb = this.events.createQueryBuilder('e').where('e.licenseId = :licenseId', { licenseId });
    restrictToHolders(this.scope, qb, actor);
    return paginate(qb, request, LIST_SPEC, 'DESC');
  }
}
