import { Injectable } from '@nestjs/common';
import { lineCost } from '@libs/money';
import { AuthUser } from '../auth/auth-user';
import { LicensesService } from '../licenses/licenses.service';
import { addDays, todayIso } from '../licenses/license-status';
import { ExpiringQueryDto, ExpiringRowDto } from './dto/expiring.dto';

const DAY_MS = 86_400_000;

/** Licenses whose expiration or support date falls within the next N days, soonest first. */
@Injectable()
export class ExpiringService {
  constructor(private readonly licenses: LicensesService) {}

  async report(actor: AuthUser, query: ExpiringQueryDto): Promise<{ days: number; rows: ExpiringRowDto[] }> {
    const today = todayIso();
    const days = query.days ?? 90;
    const until = addDays(today, days);
    const window = (column: string) => `${column} BETWEEN CAST(:today AS date) AND CAST(:until AS date)`;
    const licenses = await this.licenses
      .filteredQuery(actor, query, today)
      .leftJoinAndSelect('l.software', 'sw')
      .leftJoinAndSelect('l.orgUnit', 'ou')
      .andWhere(`(${window('l.expirationDate')} OR ${window('l.supportDate')})`, { today, until })
      .getMany();
    const rows: ExpiringRowDto[] = [];
    for (const l of licenses) {
      const cost = lineCost(l.quantity, l.netUnitPrice, l.vatRate);
      for (const [dateKind, date] of [
        ['expiration', l.expirationDate],
        ['support', l.supportDate],
      ] as const) {
        if (!date || date < today || date > until) continue;
        rows.push({
          licenseId: l.id,
          name: l.name,
          softwareName: l.software ? [l.software.name, l.software.version].filter(Boolean).join(' ') : null,
          orgUnitName: l.orgUnit?.name ?? null,
          dateKind,
          date,
          daysLeft: Math.round((Date.parse(date) - Date.parse(today)) / DAY_MS),
          quantity: l.quantity,
          used: l.usedSeats,
          currency: l.currency,
          annualNet: cost.net,
          annualGross: cost.gross,
        });
      }
    }
    rows.sort((a, b) => a.date.localeCompare(b.date) || a.name.localeCompare(b.name));
    return { days, rows };
  }
}
