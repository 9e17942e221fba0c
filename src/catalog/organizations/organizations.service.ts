import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../../platform/database/transaction';
import { CatalogService } from '../catalog.service';
import { Organization } from './organization.entity';
import { OrganizationsRepository } from './organizations.repository';
import {
  CreateOrganizationDto,
  OrganizationListQueryDto,
  UpdateOrganizationDto,
} from './dto/organization.dto';

/** Names are unique regardless of case; org units, software and licenses keep one from deletion. */
@Injectable()
export class OrganizationsService extends CatalogService<
  Organization,
  OrganizationListQueryDto,
  CreateOrganizationDto,
  UpdateOrganizationDto
> {
  constructor(organizations: OrganizationsRepository, tx: TransactionRunner) {
    super(organizations, tx, 'Organization');
  }
}
