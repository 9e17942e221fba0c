import { Device, Seat, SeatEvent } from './model';

/**
 * The seat history, as the app writes it (SeatsService, SeatRelease, DevicesService):
 * an assign and an unassign (or release) for each past holder, an activate for
 * each device and a reset for each reset one, and assigns for the most recent
 * active seats up to `total`: older seats predate the history, as if imported.
 * Sorted by time, so event ids grow with it.
 */
export function generateEvents(seats: Seat[], devices: Device[], total: number): SeatEvent[] {
  const events: SeatEvent[] = [];
  seats.forEach((seat, s) => {
    if (seat.releasedAt === null) return;
    events.push(assignEvent(seat, s));
    events.push({
      at: seat.releasedAt,
      seat: s,
      action: seat.releaseReason === 'unassigned' ? 'unassign' : 'release',
      asset: null,
      actor: seat.releasedBy ?? 'asset_manager',
      details: JSON.stringify({ reason: seat.releaseReason, devices: [] }),
    });
  });
  for (const d of devices) {
    events.push({
      at: d.activatedAt,
      seat: d.seat,
      action: 'activate',
      asset: d.asset,
      actor: d.activatedBy,
      details: '{}',
    });
    if (d.deactivatedAt !== null) {
      events.push({
        at: d.deactivatedAt,
        seat: d.seat,
        action: 'reset',
        asset: d.asset,
        actor: d.activatedBy,
        details: '{}',
      });
    }
  }
  const assigns = total - events.length;
  if (assigns < 0) {
    throw new Error(`history: ${events.length} release and device events exceed the ${total} events asked`);
  }
  const active = seats.flatMap((seat, s) => (seat.releasedAt === null ? [s] : []));
  active.sort((a, b) => seats[b].assignedAt - seats[a].assignedAt || a - b);
  for (const s of active.slice(0, assigns)) {
    events.push(assignEvent(seats[s], s));
  }
  return events.sort((a, b) => a.at - b.at);
}

/** The event of seat number `s` being assigned, as the app writes it. */
function assignEvent(seat: Seat, s: number): SeatEvent {
  return {
    at: seat.assignedAt,
    seat: s,
    action: 'assign',
    asset: null,
    actor: seat.assignedBy,
    details: '{}',
  };
}
