import { ApiProperty } from '@nestjs/swagger';
import { formatMoney, formatRate, grossUnitPrice } from '@libs/money';
import { LICENSE_METRICS, LicenseMetric } from '../license.entity';
import { LICENSE_STATUSES, LicenseStatus } from '../license-status';
import type { LicenseView } from '../licenses.service';

export class LicenseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) categoryId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) softwareId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organizationId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) orgUnitId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) locationStructureId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) locationId: string | null;
  @ApiProperty({ nullable: true, type: String }) serialNumber: string | null;
  @ApiProperty({ nullable: true, type: String }) inventoryNumber: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) supplierId: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) expirationDate: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) supportDate: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) purchaseDate: string | null;
  @ApiProperty({ nullable: true, type: String }) invoiceNumber: string | null;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ example: '99.99' }) netUnitPrice: string;
  @ApiProperty({ example: '19' }) vatRate: string;
  @ApiProperty({ example: '118.99', description: 'round2(net × (1 + vat/100)), derived' })
  grossUnitPrice: string;
  @ApiProperty({ enum: LICENSE_METRICS }) metric: LicenseMetric;
  @ApiProperty({ type: 'integer', description: 'seats' }) quantity: number;
  @ApiProperty({ type: 'integer', description: 'seats in use, derived' }) usedSeats: number;
  @ApiProperty({ type: 'integer', description: 'quantity - usedSeats, derived' }) availableSeats: number;
  @ApiProperty({ type: 'integer' }) maxActivationsPerUser: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'null = no limit' })
  maxActivations: number | null;
  @ApiProperty({
    type: 'integer',
    description: 'devices activated now on the seats of this license, derived',
  })
  activeDevices: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'null = no limit' })
  maxDeviceResets: number | null;
  @ApiProperty({
    type: 'integer',
    description: 'device resets used so far (counted against maxDeviceResets)',
  })
  deviceResets: number;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty({ enum: LICENSE_STATUSES, description: 'derived from expirationDate' }) status: LicenseStatus;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;

  static from({ license: l, usedSeats, status }: LicenseView): LicenseDto {
    return {
      id: l.id,
      name: l.name,
      categoryId: l.categoryId,
      softwareId: l.softwareId,
      organizationId: l.organizationId,
      orgUnitId: l.orgUnitId,
      locationStructureId: l.locationStructureId,
      locationId: l.locationId,
      serialNumber: l.serialNumber,
      inventoryNumber: l.inventoryNumber,
      supplierId: l.supplierId,
      expirationDate: l.expirationDate,
      supportDate: l.supportDate,
      purchaseDate: l.purchaseDate,
      invoiceNumber: l.invoiceNumber,
      currency: l.currency,
      netUnitPrice: formatMoney(l.netUnitPrice),
      vatRate: formatRate(l.vatRate),
      grossUnitPrice: grossUnitPrice(l.netUnitPrice, l.vatRate),
      metric: l.metric,
      quantity: l.quantity,
      usedSeats,
      availableSeats: l.quantity - usedSeats,
      maxActivationsPerUser: l.maxActivationsPerUser,
      maxActivations: l.maxActivations,
      activeDevices: l.activeDevices,
      maxDeviceResets: l.maxDeviceResets,
      deviceResets: l.deviceResets,
      notes: l.notes,
      status,
      createdAt: l.createdAt,
      updatedAt: l.updatedAt,
    };
  }
}
