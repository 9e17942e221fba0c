import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@libs/errors';
import { Page } from '@libs/pagination';
import { AuthUser } from '../../platform/access/auth-user';
import { Transactional, TransactionRunner } from '../../platform/database/transaction';
import { HolderLifecycle } from '../holder-lifecycle';
import { Asset } from './asset.entity';
import { AssetListQueryDto, CreateAssetDto, UpdateAssetDto } from './dto/asset.dto';
import { AssetsRepository } from './assets.repository';

/**
 * Duplicate inventory numbers and unknown org units, locations and owners are refused by the
 * database's constraints (409 / 400). Every write joins the caller's transaction when one is open.
 */
@Injectable()
export class AssetsService {
  constructor(
    private readonly assets: AssetsRepository,
    protected readonly tx: TransactionRunner, // for @Transactional()
    private readonly lifecycle: HolderLifecycle,
  ) {}

  /** A department head lists only the assets of their org-unit subtree (totals too). */
  list(actor: AuthUser, query: AssetListQueryDto): Promise<Page<Asset>> {
    return this.assets.list(actor, query);
  }

  /** 404 for an unknown asset and, alike, for one outside a department head's subtree. */
  async get(actor: AuthUser, id: string): Promise<Asset> {
    const asset = await this.assets.findVisible(actor, id);
    if (!asset) throw new NotFoundError('Asset', id);
    return asset;
  }

  async create(dto: CreateAssetDto): Promise<Asset> {
    const [asset] = await this.createMany([dto]);
    return asset;
  }

  /** Many rows per INSERT (imports). */
  @Transactional()
  createMany(dtos: readonly CreateAssetDto[]): Promise<Asset[]> {
    return this.assets.createMany(dtos);
  }

  /** Retiring an asset releases its seats and device activations in the same transaction. */
  @Transactional()
  async update(actor: AuthUser, id: string, dto: UpdateAssetDto): Promise<Asset> {
    return this.updateLocked(actor, await this.lock(id), dto);
  }

  /**
   * Changes an asset locked in the open transaction ({@link lock}; imports lock theirs
   * in bulk); retiring it releases its seats and device activations in that transaction.
   */
  async updateLocked(actor: AuthUser, asset: Asset, dto: UpdateAssetDto): Promise<Asset> {
    const wasRetired = asset.status === 'retired';
    const saved = await this.assets.save(Object.assign(asset, dto));
    if (!wasRetired && saved.status === 'retired') {
      await this.lifecycle.end({ assetId: asset.id }, 'asset_retired', actor.id);
    }
    return saved;
  }

  /** Releases the asset's seats and activations first; their history stays. */
  @Transactional()
  async remove(actor: AuthUser, id: string): Promise<void> {
    await this.lock(id);
    await this.lifecycle.end({ assetId: id }, 'asset_deleted', actor.id);
    await this.assets.delete(id);
  }

  /** The asset locked against change until the open transaction ends, or 404. */
  lock(id: string): Promise<Asset> {
    return this.assets.lock(id);
  }

  /** Assets about to receive seats or activations, share-locked against retirement; 404 naming unknown ids. */
  lockForAssignment(ids: readonly string[]): Promise<Asset[]> {
    return this.assets.lockShared(ids);
  }
}
