import { Injectable } from '@nestjs/common';
import { Asset } from '../../inventory/assets/asset.entity';
import { AssetsService } from '../../inventory/assets/assets.service';
import { CreateAssetDto, UpdateAssetDto } from '../../inventory/assets/dto/asset.dto';
import { IMPORT_SPECS } from './import-columns';
import type { ParsedRow } from './import-rows';
import { EntityImporter, ImportContext, importRecords } from './record-importer';
import { ReferenceResolver } from './references';

/** Assets by inventory number: new ones created, known ones updated through AssetsService. */
@Injectable()
export class AssetsImporter implements EntityImporter {
  readonly spec = IMPORT_SPECS.assets;

  constructor(
    private readonly assets: AssetsService,
    private readonly references: ReferenceResolver,
  ) {}

  run(ctx: ImportContext, rows: ParsedRow[]) {
    return importRecords<Asset>(
      ctx,
      rows,
      {
        createDto: CreateAssetDto,
        updateDto: UpdateAssetDto,
        findExisting: (manager, keys) =>
          manager
            .createQueryBuilder(Asset, 'a')
            .where('lower(a.inventoryNumber) = ANY(:keys)', { keys })
            .setLock('pessimistic_write')
            .getMany(),
        keyOf: (asset) => asset.inventoryNumber,
        createIn: (manager, dtos) => this.assets.createIn(manager, dtos as CreateAssetDto[]),
        updateIn: (manager, actor, asset, dto) => this.assets.updateIn(manager, actor, asset, dto),
      },
      this.references,
    );
  }
}
