import { CatalogController, CatalogRoutes } from '../catalog-routes';
import { CreateSoftwareDto, SoftwareDto, SoftwareListQueryDto, UpdateSoftwareDto } from './dto/software.dto';
import { SoftwareService } from './software.service';

@CatalogController('software')
export class SoftwareController extends CatalogRoutes({
  dto: SoftwareDto,
  listQuery: SoftwareListQueryDto,
  create: CreateSoftwareDto,
  update: UpdateSoftwareDto,
  unique: true,
}) {
  constructor(software: SoftwareService) {
    super(software);
  }
}
