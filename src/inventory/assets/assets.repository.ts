import { Injectable } from '@nestjs/common';
import { Page, whereEquals } from '@libs/pagination';
import { AuthUser } from '../../platform/access/auth-user';
import { TransactionRunner } from '../../platform/database/transaction';
import { OrgUnitsRepository } from '../../catalog/org-units/org-units.repository';
import { HoldersRepository } from '../holders.repository';
import { Asset } from './asset.entity';
import { AssetListQueryDto } from './dto/asset.dto';

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

@Injectable()
export class AssetsRepository extends HoldersRepository<Asset> {
  constructor(db: TransactionRunner, orgUnits: OrgUnitsRepository) {
    super(db, orgUnits, Asset, 'Asset', 'a', LIST_SPEC);
  }

  list(actor: AuthUser, query: AssetListQueryDto): Promise<Page<Asset>> {
    const { kind, status, orgUnitId, locationId, ownerPersonId } = query;
    const qb = whereEquals(this.select(), { kind, status, orgUnitId, locationId, ownerPersonId });
    return this.page(actor, qb, query);
  }
}
