import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsUUID,
  ValidateBy,
  ValidateIf,
} from 'class-validator';

export const MAX_BULK = 500;

export class AssignPersonsDto {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: MAX_BULK })
  @ArrayUnique({ message: 'personIds must not repeat an id' })
  @IsUUID('all', { each: true })
  @ArrayMaxSize(MAX_BULK)
  @ArrayMinSize(1)
  @IsArray() // nearest the property: checked first (see VALIDATOR_OPTIONS)
  personIds: string[];
}

export class AssignAssetsDto {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: MAX_BULK })
  @ArrayUnique({ message: 'assetIds must not repeat an id' })
  @IsUUID('all', { each: true })
  @ArrayMaxSize(MAX_BULK)
  @ArrayMinSize(1)
  @IsArray() // nearest the property: checked first (see VALIDATOR_OPTIONS)
  assetIds: string[];
}

/** Refuses the field when `other` is given too (even as null): a transfer names one target. */
const WithoutOther = (other: keyof TransferSeatDto) =>
  ValidateBy({
    name: 'withoutOther',
    validator: {
      validate: (_value, args) => (args?.object as TransferSeatDto)[other] === undefined,
      defaultMessage: () => 'give exactly one of personId or assetId, as a UUID',
    },
  });

/** Exactly one of personId (per_user) or assetId (per_device). */
export class TransferSeatDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @ValidateIf((o: TransferSeatDto) => o.personId !== undefined || o.assetId === undefined)
  @IsUUID('all', { message: 'give exactly one of personId or assetId, as a UUID' })
  @WithoutOther('assetId')
  personId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @ValidateIf((o: TransferSeatDto) => o.assetId !== undefined || o.personId === undefined)
  @IsUUID('all', { message: 'give exactly one of personId or assetId, as a UUID' })
  assetId?: string;
}

export class ActivateDeviceDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  assetId: string;
}
