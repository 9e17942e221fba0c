import { Outcome, RequestSpec } from './http';

export interface SeatWorkloadOptions {
  licenseIds: readonly string[];
  personIds: readonly string[];
  token: string;
  /** The instance the i-th request goes to. */
  instanceFor: (i: number) => number;
  /** Every n-th request unassigns a seat granted earlier (0: assigns only). */
  unassignEvery?: number;
}

/**
 * Assigns of one person at a time, round-robin over the licenses, and now and then
 * the unassign of a seat a client was granted: the requests of a load
 * (`startLoad({ next, onOutcome })`).
 */
export function seatWorkload(options: SeatWorkloadOptions) {
  const { licenseIds, personIds, token, instanceFor, unassignEvery = 0 } = options;
  const granted: { licenseId: string; personId: string }[] = [];
  let person = 0;

  const next = (i: number): RequestSpec => {
    const instance = instanceFor(i);
    if (unassignEvery && i % unassignEvery === unassignEvery - 1 && granted.length) {
      const { licenseId, personId } = granted.splice(i % granted.length, 1)[0];
      return {
        kind: 'unassign',
        instance,
        method: 'DELETE',
        path: `/api/v1/licenses/${licenseId}/persons/${personId}`,
        token,
      };
    }
    const licenseId = licenseIds[i % licenseIds.length];
    const personId = personIds[person++ % personIds.length];
    return {
      kind: 'assign',
      instance,
      method: 'POST',
      path: `/api/v1/licenses/${licenseId}/persons`,
      body: { personIds: [personId] },
      token,
      tag: `${licenseId} ${personId}`,
    };
  };

  const onOutcome = (o: Outcome) => {
    if (o.kind !== 'assign' || o.status !== 201 || !o.tag) return;
    const [licenseId, personId] = o.tag.split(' ');
    granted.push({ licenseId, personId });
  };

  return { next, onOutcome };
}

/** Answers of a seat load while the database works: what the API contract allows. */
export const NORMAL_STATUSES: Record<string, number[]> = {
  assign: [201, 409],
  unassign: [204],
};
