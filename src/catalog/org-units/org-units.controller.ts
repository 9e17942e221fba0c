import { CatalogController, CatalogRoutes } from '../catalog-routes';
import {
  CreateOrgUnitDto,
  OrgUnitDto,
  OrgUnitListQueryDto,
  OrgUnitTreeDto,
  UpdateOrgUnitDto,
} from './dto/org-unit.dto';
import { OrgUnitsService } from './org-units.service';

@CatalogController('org-units')
export class OrgUnitsController extends CatalogRoutes({
  dto: OrgUnitDto,
  listQuery: OrgUnitListQueryDto,
  create: CreateOrgUnitDto,
  update: UpdateOrgUnitDto,
  unique: true,
  tree: { dto: OrgUnitTreeDto, description: 'the top-level units, each with its children' },
}) {
  constructor(orgUnits: OrgUnitsService) {
    super(orgUnits);
  }
}
