import {
  applyDecorators,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Patch,
  Post,
  Query,
  Type,
} from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { mapPage, Page, PageRequest } from '@libs/pagination';
import { RequirePermissions } from '../platform/access/decorators';
import { ApiErrorResponses } from '../platform/http/http-exception.filter';
import { UuidParam } from '../platform/http/validation';
import { PageDto } from '../platform/http/page.dto';
import { RecordEntity } from '../platform/database/record.entity';
import { CatalogService } from './catalog.service';
import { mapTree, TreeNode } from './tree';

/** A catalog at `api/v1/<segment>`, tagged `<segment>` in the OpenAPI document; every route needs a token. */
export const CatalogController = (segment: string) =>
  applyDecorators(
    ApiTags(segment),
    ApiBearerAuth(),
    ApiErrorResponses(401, 403),
    Controller(`api/v1/${segment}`),
  );

/** What differs between the catalogs' routes. */
export interface CatalogRoutesOptions<T, Dto> {
  /** The answer's shape, made from a record by `from`. */
  dto: Type<Dto> & { from(record: T): Dto };
  listQuery: Type<PageRequest>;
  create: Type;
  update: Type;
  /** A name or code is unique: create and update may answer 409 DUPLICATE. */
  unique: boolean;
  /** The records form a tree: GET tree answers it, and update may answer 422 TREE_CYCLE. */
  tree?: { dto: Type; description: string };
}

type CatalogUseCases<T extends RecordEntity> = CatalogService<T, PageRequest, Partial<T>, Partial<T>> & {
  tree?(): Promise<TreeNode<T>[]>;
};

/** The classes of a generic route's parameters, for the validation pipe and the OpenAPI document. */
const ParamTypes =
  (...types: Type[]): MethodDecorator =>
  (target, key) =>
    Reflect.defineMetadata('design:paramtypes', types, target, key);

/**
 * The routes every catalog answers (list, get, create, update, delete, and tree for a
 * tree), as a base class for its controller: `extends CatalogRoutes({...})`. Routes are
 * declared in the order Nest matches them, so the static `tree` comes before `:id`.
 */
export function CatalogRoutes<T extends RecordEntity, Dto>(options: CatalogRoutesOptions<T, Dto>) {
  const { dto, tree } = options;
  const conflict = options.unique ? ([409] as const) : [];
  const cycle = tree ? ([422] as const) : [];
  const TreeRoute = tree
    ? applyDecorators(
        Get('tree'),
        RequirePermissions('catalogs:read'),
        ApiOkResponse({ type: [tree.dto], description: tree.description }),
      )
    : () => undefined;

  abstract class Routes {
    constructor(protected readonly catalog: CatalogUseCases<T>) {}

    @Get()
    @RequirePermissions('catalogs:read')
    @ApiErrorResponses(400)
    @ApiOkResponse({ type: PageDto(dto) })
    @ParamTypes(options.listQuery)
    async list(@Query() query: PageRequest): Promise<Page<Dto>> {
      return mapPage(await this.catalog.list(query), dto.from);
    }

    @TreeRoute
    async tree(): Promise<TreeNode<Dto>[]> {
      return mapTree(await this.catalog.tree!(), dto.from);
    }

    @Get(':id')
    @RequirePermissions('catalogs:read')
    @ApiOkResponse({ type: dto })
    @ApiErrorResponses(400, 404)
    async get(@UuidParam() id: string): Promise<Dto> {
      return dto.from(await this.catalog.get(id));
    }

    @Post()
    @RequirePermissions('catalogs:write')
    @ApiCreatedResponse({ type: dto })
    @ApiErrorResponses(400, ...conflict)
    @ParamTypes(options.create)
    async create(@Body() body: Partial<T>): Promise<Dto> {
      return dto.from(await this.catalog.create(body));
    }

    @Patch(':id')
    @RequirePermissions('catalogs:write')
    @ApiOkResponse({ type: dto })
    @ApiErrorResponses(400, 404, ...conflict, ...cycle)
    @ParamTypes(String, options.update)
    async update(@UuidParam() id: string, @Body() body: Partial<T>): Promise<Dto> {
      return dto.from(await this.catalog.update(id, body));
    }

    @Delete(':id')
    @RequirePermissions('catalogs:write')
    @ApiErrorResponses(400, 404, 409)
    @HttpCode(204)
    @ApiResponse({ status: 204 })
    async remove(@UuidParam() id: string): Promise<void> {
      await this.catalog.remove(id);
    }
  }
  // A flat catalog has no tree route, and no method standing for one.
  if (!tree) delete (Routes.prototype as Partial<Routes>).tree;
  return Routes;
}
