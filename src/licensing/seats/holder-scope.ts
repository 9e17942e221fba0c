import { AuthUser } from '../../platform/access/auth-user';
import { OrgScope, ScopedRecord } from '../../catalog/org-units/org-scope.service';
import { HolderKind } from '../seat-engine/seat-rules';

/** Locked holders as a scope check names them. */
export const scoped = (kind: HolderKind, rows: readonly { id: string; orgUnitId: string | null }[]) =>
  rows.map((r): ScopedRecord => ({ kind, id: r.id, orgUnitId: r.orgUnitId }));

type Ids = Iterable<string | null | undefined>;

/** The read behind a visibility: which of these persons or assets lie in the actor's subtree (SeatsRepository). */
export interface HoldersInScope {
  holdersInScope(actor: AuthUser, kind: HolderKind, ids: readonly string[]): Promise<string[]>;
}

/**
 * Which persons and assets an answer may name for `actor`: every one for an unscoped
 * actor; for a department head, those of their subtree as the tree is now. Answers
 * about a seat in their subtree leave out the rest (the assets a holder activated
 * elsewhere, the holder of an activation on their asset, a transfer's previous holder).
 */
export class HolderVisibility {
  private constructor(
    private readonly persons: Set<string> | null,
    private readonly assets: Set<string> | null,
  ) {}

  static async of(
    scope: OrgScope,
    holders: HoldersInScope,
    actor: AuthUser,
    ids: { personIds?: Ids; assetIds?: Ids },
  ): Promise<HolderVisibility> {
    if (!scope.isScoped(actor)) return new HolderVisibility(null, null);
    const inScope = async (kind: HolderKind, wanted: Ids = []) => {
      const list = [...new Set([...wanted].filter((id): id is string => !!id))];
      return new Set(list.length ? await holders.holdersInScope(actor, kind, list) : []);
    };
    return new HolderVisibility(await inScope('person', ids.personIds), await inScope('asset', ids.assetIds));
  }

  person(id: string | null | undefined): boolean {
    return !id || !this.persons || this.persons.has(id);
  }

  asset(id: string | null | undefined): boolean {
    return !id || !this.assets || this.assets.has(id);
  }
}
