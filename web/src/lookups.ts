import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TreeNodeData } from '@mantine/core';
import { api, unwrap, type Schemas } from './api/client';

type OrgTree = Schemas['OrgUnitTreeDto'];
type LocTree = Schemas['LocationTreeDto'];
type OrganizationKind = Schemas['OrganizationDto']['kind'];

const long = { staleTime: 5 * 60_000 };
/** Options a picker shows per search: enough to choose from, the search narrows the rest. */
const OPTIONS_PAGE = 50;

/**
 * A record list the pickers search on the server and whose names are shown by id.
 * `key` is the query-key prefix the pages editing these records invalidate, so pickers
 * and names follow their changes.
 */
export interface Lookup<T extends { id: string }> {
  key: string;
  /** Tells apart option lists of one record kind that the server filters differently. */
  variant?: string;
  one(id: string): Promise<T>;
  search(q: string | undefined): Promise<T[]>;
  // methods, not function properties: a lookup of persons may then stand where any record will do
  label(record: T): string;
  /** An option's text when the name alone may be ambiguous; the label otherwise. */
  option?(record: T): string;
}

const path = (id: string) => ({ params: { path: { id } } });

/** One search per value of a filter the API takes one value of at a time, merged by label. */
async function searchEach<V, T>(
  values: V[],
  page: (v: V) => Promise<{ items: T[] }>,
  label: (r: T) => string,
) {
  const pages = await Promise.all(values.map(page));
  return pages.flatMap((p) => p.items).sort((a, b) => label(a).localeCompare(label(b)));
}

export const softwareLookup: Lookup<Schemas['SoftwareDto']> = {
  key: 'software',
  one: (id) => unwrap(api.GET('/api/v1/software/{id}', path(id))),
  search: async (q) =>
    (
      await unwrap(
        api.GET('/api/v1/software', { params: { query: { q, pageSize: OPTIONS_PAGE, sort: 'name' } } }),
      )
    ).items,
  label: (s) => (s.version ? `${s.name} ${s.version}` : s.name),
};

export const categoryLookup: Lookup<Schemas['LicenseCategoryDto']> = {
  key: 'categories',
  one: (id) => unwrap(api.GET('/api/v1/license-categories/{id}', path(id))),
  search: async (q) =>
    (
      await unwrap(
        api.GET('/api/v1/license-categories', {
          params: { query: { q, pageSize: OPTIONS_PAGE, sort: 'name' } },
        }),
      )
    ).items,
  label: (c) => c.name,
};

/** Organizations of the given kinds: owners are internal, suppliers are suppliers or manufacturers. */
export function organizationLookup(kinds: OrganizationKind[]): Lookup<Schemas['OrganizationDto']> {
  const label = (o: Schemas['OrganizationDto']) => o.name;
  return {
    key: 'organizations',
    variant: kinds.join(','),
    one: (id) => unwrap(api.GET('/api/v1/organizations/{id}', path(id))),
    search: (q) =>
      searchEach(
        kinds,
        (kind) =>
          unwrap(
            api.GET('/api/v1/organizations', {
              params: { query: { q, kind, pageSize: OPTIONS_PAGE, sort: 'name' } },
            }),
          ),
        label,
      ),
    label,
  };
}

export const personLookup: Lookup<Schemas['PersonDto']> = {
  key: 'persons',
  one: (id) => unwrap(api.GET('/api/v1/persons/{id}', path(id))),
  search: async (q) =>
    (
      await unwrap(
        api.GET('/api/v1/persons', { params: { query: { q, pageSize: OPTIONS_PAGE, sort: 'lastName' } } }),
      )
    ).items,
  label: (p) => `${p.firstName} ${p.lastName}`,
  option: (p) => `${p.firstName} ${p.lastName} <${p.email}>`,
};

/** Persons who may take a seat: a deactivated person takes none. */
export const activePersonLookup: Lookup<Schemas['PersonDto']> = {
  ...personLookup,
  variant: 'active',
  search: async (q) =>
    (
      await unwrap(
        api.GET('/api/v1/persons', {
          params: { query: { q, active: true, pageSize: OPTIONS_PAGE, sort: 'lastName' } },
        }),
      )
    ).items,
};

export const assetLookup: Lookup<Schemas['AssetDto']> = {
  key: 'assets',
  one: (id) => unwrap(api.GET('/api/v1/assets/{id}', path(id))),
  search: async (q) =>
    (
      await unwrap(
        api.GET('/api/v1/assets', { params: { query: { q, pageSize: OPTIONS_PAGE, sort: 'name' } } }),
      )
    ).items,
  label: (a) => `${a.name} (${a.inventoryNumber})`,
};

/** Assets that may take a seat or a device activation: a retired asset takes none. */
export const usableAssetLookup: Lookup<Schemas['AssetDto']> = {
  ...assetLookup,
  variant: 'usable',
  search: (q) =>
    searchEach(
      ['in_use', 'in_stock'] as const,
      (status) =>
        unwrap(
          api.GET('/api/v1/assets', {
            params: { query: { q, status, pageSize: OPTIONS_PAGE, sort: 'name' } },
          }),
        ),
      assetLookup.label,
    ),
};

/** Options of a picker for the search text `q`, searched on the server; `exclude` drops ids already taken. */
export function useLookupOptions<T extends { id: string }>(
  lookup: Lookup<T>,
  q: string,
  exclude?: ReadonlySet<string>,
) {
  const qc = useQueryClient();
  const found = useQuery({
    queryKey: [lookup.key, 'options', lookup.variant, q],
    queryFn: async () => {
      const records = await lookup.search(q || undefined);
      // a picked option's name is then known without asking for the record again
      for (const r of records) qc.setQueryData([lookup.key, r.id], r);
      return records;
    },
    ...long,
  });
  const options = (found.data ?? [])
    .filter((r) => !exclude?.has(r.id))
    .map((r) => ({ value: r.id, label: (lookup.option ?? lookup.label)(r) }));
  return { options, searching: found.isFetching };
}

/** Names of records by id, fetched one by one and cached (as the records, shared with their pages). */
export function useLookupNames<T extends { id: string }>(
  lookup: Lookup<T>,
  ids: (string | null | undefined)[],
) {
  const uniq = [...new Set(ids.filter((x): x is string => !!x))];
  const results = useQueries({
    queries: uniq.map((id) => ({ queryKey: [lookup.key, id], queryFn: () => lookup.one(id), ...long })),
  });
  const map = new Map<string, string>();
  results.forEach((r, i) => map.set(uniq[i], r.data ? lookup.label(r.data as T) : uniq[i].slice(0, 8)));
  return map;
}

export const usePersonNames = (ids: (string | null | undefined)[]) => useLookupNames(personLookup, ids);
export const useAssetNames = (ids: (string | null | undefined)[]) => useLookupNames(assetLookup, ids);

/**
 * Whole catalogs in one page (the API's most, 500): for the admin and audit pages' name
 * columns. Pickers search with {@link useLookupOptions} instead, which has no such cap.
 */
function useWholeCatalog<T>(key: string, page: () => Promise<{ items: T[] }>) {
  return useQuery({ queryKey: [key, 'all'], queryFn: page, ...long });
}
const ALL = { pageSize: 500, sort: 'name' };
export const useSoftware = () =>
  useWholeCatalog('software', () => unwrap(api.GET('/api/v1/software', { params: { query: ALL } })));
export const useCategories = () =>
  useWholeCatalog('categories', () =>
    unwrap(api.GET('/api/v1/license-categories', { params: { query: ALL } })),
  );
export const useOrganizations = () =>
  useWholeCatalog('organizations', () =>
    unwrap(api.GET('/api/v1/organizations', { params: { query: ALL } })),
  );

export function nameMap<T extends { id: string; name: string }>(items: T[] | undefined) {
  return new Map((items ?? []).map((i) => [i.id, i.name]));
}

export function useOrgUnitTree() {
  return useQuery({
    queryKey: ['org-units', 'tree'],
    queryFn: () => unwrap(api.GET('/api/v1/org-units/tree')) as Promise<OrgTree[]>,
    ...long,
  });
}
export function useLocationTree() {
  return useQuery({
    queryKey: ['locations', 'tree'],
    queryFn: () => unwrap(api.GET('/api/v1/locations/tree')) as Promise<LocTree[]>,
    ...long,
  });
}

export function toTreeData(nodes: (OrgTree | LocTree)[] | undefined): TreeNodeData[] {
  return (nodes ?? []).map((n) => ({
    value: n.id,
    label: 'code' in n && n.code ? `${n.name} (${n.code})` : n.name,
    children: n.children?.length ? toTreeData(n.children) : undefined,
  }));
}

export function flattenTree(nodes: (OrgTree | LocTree)[] | undefined, out = new Map<string, string>()) {
  for (const n of nodes ?? []) {
    out.set(n.id, n.name);
    flattenTree(n.children, out);
  }
  return out;
}
