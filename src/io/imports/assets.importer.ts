import { Injectable } from '@nestjs/common';
import { Asset } from '../../inventory/assets/asset.entity';
import { AssetsRepository } from '../../inventory/assets/assets.repository';
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
    private readonly records: AssetsRepository,
    private readonly references: ReferenceResolver,
  ) {}

  run(ctx: ImportContext, rows: ParsedRow[]) {
    return importRecords<Asset>(
      ctx,
      rows,
      {
        createDto: CreateAssetDto,
        updateDto: UpdateAssetDto,
        lockByKeys: (keys) => this.records.lockByKeys(keys, 'inventoryNumber'),
        keyOf: (asset) => asset.inventoryNumber,
        writer: this.assets,
      },
      this.references,
    );
  }
}
