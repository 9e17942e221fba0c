import { Global, Injectable, Module } from '@nestjs/common';

/** Who holds seats: a person or an asset. */
export type Holder = { personId: string; assetId?: undefined } | { assetId: string; personId?: undefined };

export type HolderEnd = 'person_deactivated' | 'person_deleted' | 'asset_retired' | 'asset_deleted';

/** Releases what a holder holds; it runs in, and joins, the transaction that ends the holder. */
export type HolderReleaser = (holder: Holder, reason: HolderEnd, actorId: string | null) => Promise<unknown>;

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

  /** Call it inside the transaction that ends the holder: the releasers join it. */
  async end(holder: Holder, reason: HolderEnd, actorId: string | null): Promise<void> {
    for (const release of this.releasers) await release(holder, reason, actorId);
  }
}

@Global()
@Module({ providers: [HolderLifecycle], exports: [HolderLifecycle] })
export class HolderLifecycleModule {}
