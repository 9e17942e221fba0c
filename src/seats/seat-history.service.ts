import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Page, PageRequest, paginate } from '@libs/pagination';
import { SeatEvent } from './seat-event.entity';

export type NewSeatEvent = Pick<SeatEvent, 'licenseId' | 'action'> & Partial<SeatEvent>;

const LIST_SPEC = { sortable: { at: 'e.at' }, defaultSort: '-at', searchable: ['e.action'] };

/** Append-only history of seats: written in the transaction of the change it records. */
@Injectable()
export class SeatHistory {
  constructor(@InjectRepository(SeatEvent) private readonly events: Repository<SeatEvent>) {}

  async record(manager: EntityManager, events: NewSeatEvent[]): Promise<void> {
    if (events.length) await manager.insert(SeatEvent, events as QueryDeepPartialEntity<SeatEvent>[]);
  }

  /** Newest first; events of one transaction keep their order. */
  list(licenseId: string, request: PageRequest): Promise<Page<SeatEvent>> {
    const qb = this.events.createQueryBuilder('e').where('e.licenseId = :licenseId', { licenseId });
    return paginate(qb, request, LIST_SPEC, 'DESC');
  }
}
