import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { NotFoundError } from '@libs/errors';
import { Page, paginate } from '@libs/pagination';
import { whereEquals } from '@libs/pagination';
import { AuthUser } from '../../platform/access/auth-user';
import { HolderLifecycle } from '../holder-lifecycle';
import { TransactionRunner } from '../../platform/database/transaction';
import { OrgScope } from '../../catalog/org-units/org-scope.service';
import { Asset } from './asset.entity';
import { AssetListQueryDto, CreateAssetDto, UpdateAssetDto } from './dto/asset.dto';

const LIST_SPEC = {
  sortable: {
    name: 'a.name',
    inventoryNumber: 'a.inventoryNumber',
    kind: 'a.kind',
    status: 'a.status',
    createdAt: 'a.createdAt',
    updatedAt: 'a.updatedAt',
  },
  defaultSort: 'name',
  searchable: ['a.name', 'a.inventoryNumber', 'a.serialNumber'],
};

/** Rows per INSERT statement of a bulk create: 9 columns each stay far below PostgreSQL's 65,535 parameters. */
const INSERT_CHUNK = 1000;

/**
 * Duplicate inventory numbers and unknown org units, locations and owners are refused by the
 * database's constraints (409 / 400).
 */
@Injectable()
export class AssetsService {
  constructor(
    @InjectRepository(Asset) private readonly assets: Repository<Asset>,
    private readonly tx: TransactionRunner,
    private readonly lifecycle: HolderLifecycle,
    private readonly scope: OrgScope,
  ) {}

  /** A department head lists only the assets of their org-unit subtree (totals too). */
  list(actor: AuthUser, query: AssetListQueryDto): Promise<Page<Asset>> {
    const { kind, status, orgUnitId, locationId, ownerPersonId } = query;
    const qb = whereEquals(this.assets.createQueryBuilder('a'), {
      kind,
      status,
      orgUnitId,
      locationId,
      ownerPersonId,
    });
    this.scope.restrict(qb, 'a.orgUnitId', actor);
    return paginate(qb, query, LIST_SPEC);
  }

  /** 404 for an unknown asset and, alike, for one outside a department head's subtree. */
  async get(actor: AuthUser, id: string): Promise<Asset> {
    const qb = this.assets.createQueryBuilder('a').where('a.id = :id', { id });
    const asset = await this.scope.restrict(qb, 'a.orgUnitId', actor).getOne();
    if (!asset) throw new NotFoundError('Asset', id);
    return asset;
  }

  async create(dto: CreateAssetDto): Promise<Asset> {
    const [asset] = await this.tx.run((manager) => this.createIn(manager, [dto]));
    return asset;
  }

  /** Creates assets in the caller's transaction, many rows per INSERT. */
  createIn(manager: EntityManager, dtos: readonly CreateAssetDto[]): Promise<Asset[]> {
    const assets = dtos.map((dto) => manager.create(Asset, dto));
    return manager.save(Asset, assets, { chunk: INSERT_CHUNK });
  }

  /** Retiring an asset releases its seats and device activations in the same transaction. */
  async update(actor: AuthUser, id: string, dto: UpdateAssetDto): Promise<Asset> {
    return this.tx.run(async (manager) => this.updateIn(manager, actor, await this.lock(manager, id), dto));
  }

  /**
   * Changes an asset the caller has locked in its transaction ({@link lock});
   * retiring it releases its seats and device activations in that transaction.
   */
  async updateIn(manager: EntityManager, actor: AuthUser, asset: Asset, dto: UpdateAssetDto): Promise<Asset> {
    const wasRetired = asset.status === 'retired';
    const saved = await manager.save(Object.assign(asset, dto));
    if (!wasRetired && saved.status === 'retired') {
      await this.lifecycle.end(manager, { assetId: asset.id }, 'asset_retired', actor.id);
    }
    return saved;
  }

  /** Releases the asset's seats and activations first; their history stays. */
  async remove(actor: AuthUser, id: string): Promise<void> {
    await this.tx.run(async (manager) => {
      await this.lock(manager, id);
      await this.lifecycle.end(manager, { assetId: id }, 'asset_deleted', actor.id);
      await manager.delete(Asset, { id });
    });
  }

  /** The asset locked against change in the caller's transaction, or 404. */
  async lock(manager: EntityManager, id: string): Promise<Asset> {
    const asset = await manager.findOne(Asset, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!asset) throw new NotFoundError('Asset', id);
    return asset;
  }

  /** Assets about to receive seats or activations, share-locked against retirement; 404 naming unknown ids. */
  async lockForAssignment(manager: EntityManager, ids: readonly string[]): Promise<Asset[]> {
    const assets = await manager.find(Asset, {
      where: { id: In([...ids]) },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_read' },
    });
    const found = new Set(assets.map((a) => a.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) throw new NotFoundError('Asset', missing.join(', '));
    return assets;
  }
}
