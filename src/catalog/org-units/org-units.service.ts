import { Injectable } from '@nestjs/common';
import { CommonErrorCode, ValidationError } from '@libs/errors';
import { Transactional, TransactionRunner } from '../../platform/database/transaction';
import { CatalogService } from '../catalog.service';
import { buildTree, lockForMove, TreeNode } from '../tree';
import { OrgUnit } from './org-unit.entity';
import { OrgUnitsRepository } from './org-units.repository';
import { CreateOrgUnitDto, OrgUnitListQueryDto, UpdateOrgUnitDto } from './dto/org-unit.dto';

/** 409 IN_USE on delete while child units, persons, assets, licenses or users point to a unit. */
@Injectable()
export class OrgUnitsService extends CatalogService<
  OrgUnit,
  OrgUnitListQueryDto,
  CreateOrgUnitDto,
  UpdateOrgUnitDto
> {
  constructor(
    private readonly units: OrgUnitsRepository,
    tx: TransactionRunner,
  ) {
    super(units, tx, 'Org unit');
  }

  async tree(): Promise<TreeNode<OrgUnit>[]> {
    return buildTree(await this.units.findAll());
  }

  /** A unit placed under a parent without an organization of its own belongs to the parent's. */
  async create(dto: CreateOrgUnitDto): Promise<OrgUnit> {
    let organizationId = dto.organizationId ?? null;
    if (dto.parentId) {
      const parent = await this.units.findById(dto.parentId);
      if (!parent) {
        throw new ValidationError(
          'The referenced parentId does not exist.',
          {
            parentId: ['no record with this id exists'],
          },
          CommonErrorCode.UNKNOWN_REFERENCE,
        );
      }
      organizationId ??= parent.organizationId;
    }
    return this.units.create({ ...dto, organizationId });
  }

  /** 422 TREE_CYCLE when the new parent is the unit itself or one of its descendants. */
  @Transactional()
  async update(id: string, dto: UpdateOrgUnitDto): Promise<OrgUnit> {
    return this.units.update(await lockForMove(this.units, this.label, id, dto.parentId), dto);
  }

  /** The unit and all its descendants (for department-head scoping); empty for an unknown id. */
  subtreeIds(rootId: string): Promise<string[]> {
    return this.units.subtreeIds(rootId);
  }

  /**
   * Holds tree moves off until the caller's transaction ends: a shared hold on the
   * lock a move takes exclusively, so a scope checked in this transaction stays
   * true until it commits.
   */
  holdTree(): Promise<void> {
    return this.units.holdMoves();
  }

  /** True when `unitId` is `ancestorId` or lies below it. */
  isWithin(unitId: string, ancestorId: string): Promise<boolean> {
    return this.units.isWithin(unitId, ancestorId);
  }
}
