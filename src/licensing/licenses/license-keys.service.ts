import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { AuthUser } from '../../platform/access/auth-user';
import { can } from '../../platform/access/permissions';
import { TransactionRunner } from '../../platform/database/transaction';
import { LicenseKey } from './license-key.entity';
import { KeyCipher } from '../../platform/crypto/key-cipher';
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
    @InjectRepository(LicenseKey) private readonly keys: Repository<LicenseKey>,
    private readonly licenses: LicensesService,
    private readonly cipher: KeyCipher,
    private readonly tx: TransactionRunner,
  ) {}

  /** 404 when the license is unknown or not visible to the actor (a department head outside its scope). */
  async list(actor: AuthUser, licenseId: string): Promise<LicenseKeyDto[]> {
    await this.licenses.assertVisible(actor, licenseId);
    const keys = await this.keys.find({ where: { licenseId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return keys.map((k) => this.toDto(actor, k));
  }

  async create(actor: AuthUser, licenseId: string, dto: CreateLicenseKeyDto): Promise<LicenseKeyDto> {
    const saved = await this.tx.run(async (manager) => {
      // Shared lock: the license cannot be deleted between the check and the insert.
      await this.licenses.lock(manager, licenseId, 'pessimistic_read');
      const key = manager.create(LicenseKey, {
        licenseId,
        keyEncrypted: this.cipher.encrypt(dto.key),
        note: dto.note ?? null,
        // A seat of this license, or 400 UNKNOWN_REFERENCE (composite foreign key).
        seatId: dto.seatId ?? null,
      });
      return manager.save(key);
    });
    return this.toDto(actor, saved);
  }

  /** Keys bound to these seats follow a transfer (`toSeatId`) or become free (null). */
  async rebindSeats(manager: EntityManager, fromSeatIds: string[], toSeatId: string | null): Promise<void> {
    if (fromSeatIds.length)
      await manager.update(LicenseKey, { seatId: In(fromSeatIds) }, { seatId: toSeatId });
  }

  async remove(licenseId: string, keyId: string): Promise<void> {
    await this.tx.deleteOne(LicenseKey, { id: keyId, licenseId }, 'License key');
  }

  private toDto(actor: AuthUser, { id, keyEncrypted, note, seatId }: LicenseKey): LicenseKeyDto {
    const key = this.cipher.decrypt(keyEncrypted);
    return { id, key: can(actor.role, 'keys:read-clear') ? key : maskKey(key), note, seatId };
  }
}
