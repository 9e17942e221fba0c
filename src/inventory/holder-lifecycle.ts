import { Global, Injectable, Module } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** Who holds seats: a person or an asset. */
export type Holder = { personId: string; assetId?: undefined } | { assetId: string; personId?: undefined };

export type HolderEnd = 'person_deactivated' | 'person_deleted' | 'asset_retired' | 'asset_deleted';

export type HolderReleaser = (
  manager: EntityManager,
  holder: Holder,
  reason: HolderEnd,
  actorId: string | null,
) => Promise<unknown>;

/**
 * Lets the seats module release what a person or asset holds inside the very
 * transaction that deactivates, retires or deletes it, without persons and assets
 * depending on seats (seats depend on them).
 */
@Injectable()
export class HolderLifecycle {
  private readonly releasers: HolderReleaser[] = [];

  onEnd(releaser: HolderReleaser): void {
    this.releasers.push(releaser);
  }

  async end(
    manager: EntityManager,
    holder: Holder,
    reason: HolderEnd,
    actorId: string | null,
  ): Promise<void> {
    for (const release of this.releasers) await release(manager, holder, reason, actorId);
  }
}

@Global()
@Module({ providers: [HolderLifecycle], exports: [HolderLifecycle] })
export class HolderLifecycleModule {}
