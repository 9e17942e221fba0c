import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { NotFoundError } from '@libs/errors';
import { Page, paginate } from '@libs/pagination';
import { whereEquals } from '@libs/pagination';
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

/**
 * Duplicate inventory numbers and unknown org units, locations and owners are refused by the
 * database's constraints (409 / 400).
 */
@Injectable()
export class AssetsService {
  constructor(@InjectRepository(Asset) private readonly assets: Repository<Asset>) {}

  list(query: AssetListQueryDto): Promise<Page<Asset>> {
    const { kind, status, orgUnitId, locationId, ownerPersonId } = query;
    const qb = whereEquals(this.assets.createQueryBuilder('a'), {
      kind,
      status,
      orgUnitId,
      locationId,
      ownerPersonId,
    });
    return paginate(qb, query, LIST_SPEC);
  }

  async get(id: string): Promise<Asset> {
    const asset = await this.assets.findOneBy({ id });
    if (!asset) throw new NotFoundError('Asset', id);
    return asset;
  }

  create(dto: CreateAssetDto): Promise<Asset> {
    return this.assets.save(this.assets.create(dto));
  }

  async update(id: string, dto: UpdateAssetDto): Promise<Asset> {
    const asset = await this.get(id);
    return this.assets.save(this.assets.merge(asset, dto));
  }

  /** 409 IN_USE while seats point to the asset (foreign keys, next issue). */
  async remove(id: string): Promise<void> {
    const { affected } = await this.assets.delete({ id });
    if (!affected) throw new NotFoundError('Asset', id);
  }
}
