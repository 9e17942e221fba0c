import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { IsText, RequiredText } from '../../../platform/http/field-decorators';

export const MAX_KEY_LENGTH = 500;

export class CreateLicenseKeyDto {
  @RequiredText(MAX_KEY_LENGTH, 'ABCDE-12345-FGHIJ-67890-1A2B')
  key: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 })
  @IsOptional()
  @IsText(500)
  note?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'the seat this key is bound to',
  })
  @IsOptional()
  @IsUUID()
  seatId?: string | null;
}

export class LicenseKeyDto {
  @ApiProperty({ format: 'uuid' }) id: string;

  @ApiProperty({
    example: '*****-1A2B',
    description: "in clear with permission 'keys:read-clear', otherwise masked to its last 4 characters",
  })
  key: string;

  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) seatId: string | null;
}
