import { InitialSchema1763856000000 } from './1763856000000-InitialSchema';

/** Every migration, in order. Listed explicitly so the build and jest load the same set. */
export const MIGRATIONS = [InitialSchema1763856000000];
