import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { NotFoundError, ValidationError } from '@libs/errors';
import { Page, paginate } from '@libs/pagination';
import { TransactionRunner } from '../../platform/database/transaction';
import { buildTree, TreeNode, TreeTable } from '../tree';
import { OrgUnit } from './org-unit.entity';
import { CreateOrgUnitDto, OrgUnitListQueryDto, UpdateOrgUnitDto } from './dto/org-unit.dto';

const LIST_SPEC = {
  sortable: { name: 'u.name', code: 'u.code', createdAt: 'u.createdAt', updatedAt: 'u.updatedAt' },
  defaultSort: 'name',
  searchable: ['u.name', 'u.code'],
};

const TREE = new TreeTable(OrgUnit, 'org_units', 'Org unit');

@Injectable()
export class OrgUnitsService {
  constructor(
    @InjectRepository(OrgUnit) private readonly units: Repository<OrgUnit>,
    private readonly tx: TransactionRunner,
  ) {}

  list(query: OrgUnitListQueryDto): Promise<Page<OrgUnit>> {
    const qb = this.units.createQueryBuilder('u');
    TREE.filterByParent(qb, query.parentId);
    if (query.organizationId)
      qb.andWhere('u.organizationId = :organizationId', { organizationId: query.organizationId });
    return paginate(qb, query, LIST_SPEC);
  }

  async tree(): Promise<TreeNode<OrgUnit>[]> {
    return buildTree(await this.units.find());
  }

  async get(id: string): Promise<OrgUnit> {
    const unit = await this.units.findOneBy({ id });
    if (!unit) throw new NotFoundError('Org unit', id);
    return unit;
  }

  /** A unit placed under a parent without an organization of its own belongs to the parent's. */
  async create(dto: CreateOrgUnitDto): Promise<OrgUnit> {
    let organizationId = dto.organizationId ?? null;
    if (dto.parentId) {
      const parent = await this.units.findOneBy({ id: dto.parentId });
      if (!parent) {
        throw new ValidationError(
          'The referenced parentId does not exist.',
          {
            parentId: ['no record with this id exists'],
          },
          'UNKNOWN_REFERENCE',
        );
      }
      organizationId ??= parent.organizationId;
    }
    return this.units.save(this.units.create({ ...dto, organizationId }));
  }

  /** 422 TREE_CYCLE when the new parent is the unit itself or one of its descendants. */
  update(id: string, dto: UpdateOrgUnitDto): Promise<OrgUnit> {
    return this.tx.run(async (manager) => {
      const unit = await TREE.lockForUpdate(manager, id, dto.parentId);
      return manager.save(OrgUnit, manager.merge(OrgUnit, unit, dto));
    });
  }

  /** 409 IN_USE when child units, persons, assets, licenses or users still point to it (foreign keys). */
  async remove(id: string): Promise<void> {
    await this.tx.deleteOne(OrgUnit, { id }, 'Org unit');
  }

  /** The unit and all its descendants (for department-head scoping); empty for an unknown id. */
  subtreeIds(rootId: string, manager: EntityManager = this.units.manager): Promise<string[]> {
    return TREE.subtreeIds(manager, rootId);
  }

  /**
   * Holds tree moves off until the caller's transaction ends: a shared hold on the
   * advisory lock TreeTable.lockForUpdate takes exclusively to move a unit, so a
   * scope checked in this transaction stays true until it commits.
   */
  async holdTree(manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock_shared(hashtext($1))', ['org_units_tree']);
  }

  /** True when `unitId` is `ancestorId` or lies below it. */
  isWithin(
    unitId: string,
    ancestorId: string,
    manager: EntityManager = this.units.manager,
  ): Promise<boolean> {
    return TREE.isWithin(manager, unitId, ancestorId);
  }

  /**
   * A `where` condition for a query builder: `column` lies in the subtree of the unit
   * bound to `:param` (which must be a UUID), e.g.
   * `qb.andWhere(orgUnits.subtreeSql('p.orgUnitId', 'scope'), { scope: user.orgUnitId })`.
   */
  subtreeSql(column: string, param: string): string {
    return TREE.subtreeSql(column, param);
  }
}
