import { CatalogController, CatalogRoutes } from '../catalog-routes';
import {
  CreateOrganizationDto,
  OrganizationDto,
  OrganizationListQueryDto,
  UpdateOrganizationDto,
} from './dto/organization.dto';
import { OrganizationsService } from './organizations.service';

@CatalogController('organizations')
export class OrganizationsController extends CatalogRoutes({
  dto: OrganizationDto,
  listQuery: OrganizationListQueryDto,
  create: CreateOrganizationDto,
  update: UpdateOrganizationDto,
  unique: true,
}) {
  constructor(organizations: OrganizationsService) {
    super(organizations);
  }
}
