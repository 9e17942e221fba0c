import { Injectable } from '@nestjs/common';
import { Page, PageRequest } from '@libs/pagination';
import { AuthUser } from '../../platform/access/auth-user';
import { OrgScope } from '../../catalog/org-units/org-scope.service';
import { SeatEvent } from './seat-event.entity';
import { NewSeatEvent, SeatEventsRepository } from './seat-events.repository';
import { SeatsRepository } from './seats.repository';
import { HolderVisibility } from './holder-scope';

/** Append-only history of seats: written in the transaction of the change it records. */
@Injectable()
export class SeatHistory {
  constructor(
    private readonly events: SeatEventsRepository,
    private readonly seats: SeatsRepository,
    private readonly scope: OrgScope,
  ) {}

  async record(events: NewSeatEvent[]): Promise<void> {
    if (events.length) await this.events.append(events);
  }

  /**
   * Newest first; events of one transaction keep their order. A department head sees
   * those of their holders (and should read them through {@link withinScope}).
   */
  list(actor: AuthUser, licenseId: string, request: PageRequest): Promise<Page<SeatEvent>> {
    return this.events.page(actor, licenseId, request);
  }

  /**
   * Events as `actor` may read them: for a department head, the persons and assets
   * outside their subtree left out: the asset of a device event (activate, reset,
   * release) whose holder is theirs, the ended devices of a release, the previous
   * holder of a transfer (details.from, omitted whole).
   */
  async withinScope(actor: AuthUser, events: SeatEvent[]): Promise<SeatEvent[]> {
    const personIds: (string | null | undefined)[] = [];
    const assetIds: (string | null | undefined)[] = [];
    for (const e of events) {
      if (e.personId) assetIds.push(e.assetId);
      const from = fromOf(e);
      if (from) {
        personIds.push(from.personId);
        assetIds.push(from.assetId);
      }
      assetIds.push(...devicesOf(e));
    }
    const visible = await HolderVisibility.of(this.scope, this.seats, actor, { personIds, assetIds });
    return events.map((e) => {
      const details = { ...e.details };
      const from = fromOf(e);
      if (from && !(visible.person(from.personId) && visible.asset(from.assetId))) delete details.from;
      if (Array.isArray(e.details.devices)) details.devices = devicesOf(e).filter((id) => visible.asset(id));
      const assetId = e.personId && !visible.asset(e.assetId) ? null : e.assetId;
      return Object.assign(new SeatEvent(), e, { assetId, details });
    });
  }
}

const fromOf = (e: SeatEvent) =>
  e.details.from as { personId?: string | null; assetId?: string | null } | undefined;
const devicesOf = (e: SeatEvent): string[] =>
  Array.isArray(e.details.devices) ? (e.details.devices as string[]) : [];
