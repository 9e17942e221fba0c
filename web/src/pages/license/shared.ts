import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type License, type Seat } from '../../api/client';
import { useAssetNames, usePersonNames } from '../../lookups';

/** What every tab of the license page is given. */
export interface LicenseTabProps {
  license: License;
}

/** The seats of a license, shared by the Seats and Devices tabs (one query, one cache entry). */
export function useSeats(id: string) {
  return useQuery({
    queryKey: ['seats', id],
    queryFn: () =>
      unwrap(api.GET('/api/v1/licenses/{id}/seats', { params: { path: { id } } })) as Promise<Seat[]>,
  });
}

/** After a seat or device changes: the seats, the license's counts, its history and the list. */
export function useRefreshSeats(id: string) {
  const qc = useQueryClient();
  return () => {
    for (const k of [['seats', id], ['license', id], ['history', id], ['licenses']])
      qc.invalidateQueries({ queryKey: k });
  };
}

/** The name of who holds a seat or is named by an event: its person, else its asset. */
export function useHolderNames(items: { personId: string | null; assetId: string | null }[]) {
  const persons = usePersonNames(items.map((e) => e.personId));
  const assets = useAssetNames(items.map((e) => e.assetId));
  return (e: { personId: string | null; assetId: string | null }) =>
    e.personId ? persons.get(e.personId) : e.assetId ? assets.get(e.assetId) : '—';
}
