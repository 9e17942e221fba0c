import { CatalogController, CatalogRoutes } from '../catalog-routes';
import {
  CreateLicenseCategoryDto,
  LicenseCategoryDto,
  LicenseCategoryListQueryDto,
  UpdateLicenseCategoryDto,
} from './dto/license-category.dto';
import { LicenseCategoriesService } from './license-categories.service';

@CatalogController('license-categories')
export class LicenseCategoriesController extends CatalogRoutes({
  dto: LicenseCategoryDto,
  listQuery: LicenseCategoryListQueryDto,
  create: CreateLicenseCategoryDto,
  update: UpdateLicenseCategoryDto,
  unique: true,
}) {
  constructor(categories: LicenseCategoriesService) {
    super(categories);
  }
}
