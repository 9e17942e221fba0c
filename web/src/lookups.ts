import { useQueries, useQuery } from '@tanstack/react-query';
import type { TreeNodeData } from '@mantine/core';
import { api, unwrap, type Schemas } from './api/client';

type OrgTree = Schemas['OrgUnitTreeDto'];
type LocTree = Schemas['LocationTreeDto'];

const long = { staleTime: 5 * 60_000 };

export function useSoftware() {
  return useQuery({
    queryKey: ['software', 'all'],
    queryFn: () => unwrap(api.GET('/api/v1/software', { params: { query: { pageSize: 500, sort: 'name' } } })),
    ...long,
  });
}
export function useCategories() {
  return useQuery({
    queryKey: ['categories', 'all'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/license-categories', { params: { query: { pageSize: 500, sort: 'name' } } })),
    ...long,
  });
}
export function useOrganizations() {
  return useQuery({
    queryKey: ['organizations', 'all'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/organizations', { params: { query: { pageSize: 500, sort: 'name' } } })),
    ...long,
  });
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

export function nameMap<T extends { id: string; name: string }>(items: T[] | undefined) {
  return new Map((items ?? []).map((i) => [i.id, i.name]));
}

/** Names of persons by id, fetched one by one and cached. */
export function usePersonNames(ids: (string | null | undefined)[]) {
  const uniq = [...new Set(ids.filter((x): x is string => !!x))];
  const results = useQueries({
    queries: uniq.map((id) => ({
      queryKey: ['persons', id],
      queryFn: () => unwrap(api.GET('/api/v1/persons/{id}', { params: { path: { id } } })),
      ...long,
    })),
  });
  const map = new Map<string, string>();
  results.forEach((r, i) => {
    const p = r.data as Schemas['PersonDto'] | undefined;
    map.set(uniq[i], p ? `${p.firstName} ${p.lastName}` : uniq[i].slice(0, 8));
  });
  return map;
}

export function useAssetNames(ids: (string | null | undefined)[]) {
  const uniq = [...new Set(ids.filter((x): x is string => !!x))];
  const results = useQueries({
    queries: uniq.map((id) => ({
      queryKey: ['assets', id],
      queryFn: () => unwrap(api.GET('/api/v1/assets/{id}', { params: { path: { id } } })),
      ...long,
    })),
  });
  const map = new Map<string, string>();
  results.forEach((r, i) => {
    const a = r.data as Schemas['AssetDto'] | undefined;
    map.set(uniq[i], a ? `${a.name} (${a.inventoryNumber})` : uniq[i].slice(0, 8));
  });
  return map;
}
