import { CatalogController, CatalogRoutes } from '../catalog-routes';
import {
  CreateLocationDto,
  LocationDto,
  LocationListQueryDto,
  LocationTreeDto,
  UpdateLocationDto,
} from './dto/location.dto';
import { LocationsService } from './locations.service';

@CatalogController('locations')
export class LocationsController extends CatalogRoutes({
  dto: LocationDto,
  listQuery: LocationListQueryDto,
  create: CreateLocationDto,
  update: UpdateLocationDto,
  unique: false,
  tree: { dto: LocationTreeDto, description: 'the top-level locations, each with its children' },
}) {
  constructor(locations: LocationsService) {
    super(locations);
  }
}
