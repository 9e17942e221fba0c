import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ListQueryDto } from '../../../platform/http/list-query.dto';
import {
  EnumFilter,
  NullableRef,
  NullableText,
  OptionalNotNull,
  RequiredText,
  UuidFilter,
} from '../../../platform/http/field-decorators';
import { Asset, ASSET_KINDS, ASSET_STATUSES, AssetKind, AssetStatus } from '../asset.entity';

export class CreateAssetDto {
  @RequiredText(200, 'WS-0042')
  name: string;

  @RequiredText(100, 'INV-2024-0042', 'unique, ignoring case')
  inventoryNumber: string;

  @NullableText(100, 'SN-5CG1234XYZ')
  serialNumber?: string | null;

  @ApiPropertyOptional({ enum: ASSET_KINDS, default: 'other' })
  @OptionalNotNull()
  @IsIn(ASSET_KINDS)
  kind?: AssetKind;

  @ApiPropertyOptional({ enum: ASSET_STATUSES, default: 'in_use' })
  @OptionalNotNull()
  @IsIn(ASSET_STATUSES)
  status?: AssetStatus;

  @NullableRef()
  orgUnitId?: string | null;

  @NullableRef()
  locationId?: string | null;

  @NullableRef('the person who owns the asset')
  ownerPersonId?: string | null;
}

// skipNullProperties: false keeps null refused for the required fields of a PATCH.
export class UpdateAssetDto extends PartialType(CreateAssetDto, { skipNullProperties: false }) {}

export class AssetListQueryDto extends ListQueryDto {
  @EnumFilter(ASSET_KINDS)
  kind?: AssetKind;

  @EnumFilter(ASSET_STATUSES)
  status?: AssetStatus;

  @UuidFilter()
  orgUnitId?: string;

  @UuidFilter()
  locationId?: string;

  @UuidFilter()
  ownerPersonId?: string;
}

export class AssetDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() inventoryNumber: string;
  @ApiProperty({ type: String, nullable: true }) serialNumber: string | null;
  @ApiProperty({ enum: ASSET_KINDS }) kind: AssetKind;
  @ApiProperty({ enum: ASSET_STATUSES }) status: AssetStatus;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) orgUnitId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) locationId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) ownerPersonId: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;

  static from(asset: Asset): AssetDto {
    const { id, name, inventoryNumber, serialNumber, kind, status, orgUnitId, locationId, ownerPersonId } =
      asset;
    const { createdAt, updatedAt } = asset;
    return {
      id,
      name,
      inventoryNumber,
      serialNumber,
      kind,
      status,
      orgUnitId,
      locationId,
      ownerPersonId,
      createdAt,
      updatedAt,
    };
  }
}
