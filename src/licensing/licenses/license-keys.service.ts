import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@libs/errors';
import { AuthUser } from '../../platform/access/auth-user';
import { can } from '../../platform/access/permissions';
import { Transactional, TransactionRunner } from '../../platform/database/transaction';
import { KeyCipher } from '../../platform/crypto/key-cipher';
import { LicenseKey } from './license-key.entity';
import { LicenseKeysRepository } from './license-keys.repository';
import { LicensesService } from './licenses.service';
import { CreateLicenseKeyDto, LicenseKeyDto } from './dto/license-key.dto';

const VISIBLE_CHARS = 4;

/** What a caller without 'keys:read-clear' sees: its last 4 characters ("*****-1A2B"). */
export function maskKey(key: string): string {
  const chars = [...key];
  // A key this short would be shown whole, so nothing of it is shown.
  if (chars.length <= VISIBLE_CHARS) return '*****';
  return `*****-${chars.slice(-VISIBLE_CHARS).join('')}`;
}

@Injectable()
export class LicenseKeysService {
  constructor(
    private readonly keys: LicenseKeysRepository,
    private readonly licenses: LicensesService,
    private readonly cipher: KeyCipher,
    protected readonly tx: TransactionRunner, // for @Transactional()
  ) {}

  /** 404 when the license is unknown or not visible to the actor (a department head outside its scope). */
  async list(actor: AuthUser, licenseId: string): Promise<LicenseKeyDto[]> {
    await this.licenses.assertVisible(actor, licenseId);
    const keys = await this.keys.listOf(licenseId);
    return keys.map((k) => this.toDto(actor, k));
  }

  async create(actor: AuthUser, licenseId: string, dto: CreateLicenseKeyDto): Promise<LicenseKeyDto> {
    return this.toDto(actor, await this.add(licenseId, dto));
  }

  /** Keys bound to these seats follow a transfer (`toSeatId`) or become free (null). */
  async rebindSeats(fromSeatIds: string[], toSeatId: string | null): Promise<void> {
    if (fromSeatIds.length) await this.keys.rebindSeats(fromSeatIds, toSeatId);
  }

  @Transactional()
  async remove(licenseId: string, keyId: string): Promise<void> {
    if (!(await this.keys.delete(licenseId, keyId))) throw new NotFoundError('License key', keyId);
  }

  @Transactional()
  private async add(licenseId: string, dto: CreateLicenseKeyDto): Promise<LicenseKey> {
    // Shared lock: the license cannot be deleted between the check and the insert.
    await this.licenses.lock(licenseId, 'pessimistic_read');
    return this.keys.add({
      licenseId,
      keyEncrypted: this.cipher.encrypt(dto.key),
      note: dto.note ?? null,
      // A seat of this license, or 400 UNKNOWN_REFERENCE (composite foreign key).
      seatId: dto.seatId ?? null,
    });
  }

  private toDto(actor: AuthUser, { id, keyEncrypted, note, seatId }: LicenseKey): LicenseKeyDto {
    const key = this.cipher.decrypt(keyEncrypted);
    return { id, key: can(actor.role, 'keys:read-clear') ? key : maskKey(key), note, seatId };
  }
}
