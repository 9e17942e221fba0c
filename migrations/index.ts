import { InitialSchema1763856000000 } from './1763856000000-InitialSchema';
import { Seats1763942400000 } from './1763942400000-Seats';
import { AuditTrail1764028800000 } from './1764028800000-AuditTrail';
import { SearchIndexes1764201600000 } from './1764201600000-SearchIndexes';
import { AuditPerStatement1764288000000 } from './1764288000000-AuditPerStatement';
import { SeatCounterGuards1764374400000 } from './1764374400000-SeatCounterGuards';
import { RecordIndexes1764633600000 } from './1764633600000-RecordIndexes';
import { InstanceSecretChecks1764720000000 } from './1764720000000-InstanceSecretChecks';
import { UserTokenVersion1764806400000 } from './1764806400000-UserTokenVersion';

/** Every migration, in order. Listed explicitly so the build and jest load the same set. */
export const MIGRATIONS = [
  InitialSchema1763856000000,
  Seats1763942400000,
  AuditTrail1764028800000,
  SearchIndexes1764201600000,
  AuditPerStatement1764288000000,
  SeatCounterGuards1764374400000,
  RecordIndexes1764633600000,
  InstanceSecretChecks1764720000000,
  UserTokenVersion1764806400000,
];
