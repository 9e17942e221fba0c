import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Anchor, Button, Group, Stack, Table, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { can, useAuth } from '../auth';
import {
  EmptyRow,
  LicenseFilterFields,
  METRIC_LABEL,
  METRICS,
  PagedFooter,
  SeatsBar,
  SortTh,
  StatusBadge,
  STATUSES,
  type LicenseFilters,
} from '../components/common';
import { LicenseFormModal } from '../components/LicenseForm';
import { flattenTree, softwareLookup, useLookupNames, useOrgUnitTree } from '../lookups';

const PAGE_SIZE = 20;
// short values a narrow column would break mid-word ("2026-09-" / "30"); the name column wraps instead
const NO_WRAP = { whiteSpace: 'nowrap' } as const;
const SORTS = ['name', 'metric', 'usedSeats', 'expirationDate', 'netUnitPrice', 'status'];

const oneOf = <T extends string>(allowed: readonly T[], v: string | null) =>
  allowed.includes(v as T) ? (v as T) : undefined;

/**
 * The list's state lives in the URL (`?q=&status=&sort=-usedSeats&page=2`…), so Back and
 * reload bring the same page; what the URL holds that the API would refuse is dropped.
 */
function useListParams() {
  const [params, setParams] = useSearchParams();
  const days = Number(params.get('expiringWithinDays'));
  const filters: LicenseFilters = {
    q: params.get('q') || undefined,
    softwareId: params.get('softwareId') || undefined,
    orgUnitId: params.get('orgUnitId') || undefined,
    status: oneOf(STATUSES, params.get('status')),
    metric: oneOf(METRICS, params.get('metric')),
    expiringWithinDays:
      params.has('expiringWithinDays') && Number.isInteger(days) && days >= 0 ? days : undefined,
  };
  const sort = SORTS.includes((params.get('sort') ?? '').replace(/^-/, '')) ? params.get('sort')! : 'name';
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '', 10) || 1);

  const write = (next: LicenseFilters, nextSort: string, nextPage: number) => {
    const out = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v !== undefined) out.set(k, String(v));
    if (nextSort !== 'name') out.set('sort', nextSort);
    if (nextPage > 1) out.set('page', String(nextPage));
    setParams(out, { replace: true });
  };
  return {
    filters,
    sort,
    page,
    // a new filter or order starts again at page 1
    setFilters: (f: LicenseFilters) => write(f, sort, 1),
    setSort: (s: string) => write(filters, s, 1),
    setPage: (p: number) => write(filters, sort, p),
  };
}

export function LicensesPage() {
  const { me } = useAuth();
  const nav = useNavigate();
  const [creating, setCreating] = useState(false);
  const { filters, sort, page, setFilters, setSort, setPage } = useListParams();

  const query = { ...filters, page, pageSize: PAGE_SIZE, sort };
  const list = useQuery({
    queryKey: ['licenses', query],
    queryFn: () => unwrap(api.GET('/api/v1/licenses', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const items = list.data?.items ?? [];
  const swNames = useLookupNames(
    softwareLookup,
    items.map((l) => l.softwareId),
  );
  const ouNames = flattenTree(useOrgUnitTree().data);
  const total = list.data?.total ?? 0;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Licenses</Title>
        {can.manage(me?.role) && <Button onClick={() => setCreating(true)}>New license</Button>}
      </Group>
      <LicenseFilterFields
        value={filters}
        onChange={setFilters}
        fields={['q', 'metric', 'status', 'expiringWithinDays', 'softwareId', 'orgUnitId']}
      />
      <Table.ScrollContainer minWidth={900}>
        <Table striped highlightOnHover aria-label="Licenses">
          <Table.Thead>
            <Table.Tr>
              <SortTh field="name" sort={sort} onSort={setSort}>
                Name
              </SortTh>
              <Table.Th>Software</Table.Th>
              <Table.Th>Org unit</Table.Th>
              <SortTh field="metric" sort={sort} onSort={setSort}>
                Metric
              </SortTh>
              <SortTh field="usedSeats" sort={sort} onSort={setSort}>
                Seats
              </SortTh>
              <SortTh field="expirationDate" sort={sort} onSort={setSort}>
                Expires
              </SortTh>
              <SortTh field="netUnitPrice" sort={sort} onSort={setSort}>
                Net unit
              </SortTh>
              <SortTh field="status" sort={sort} onSort={setSort}>
                Status
              </SortTh>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((l) => (
              <Table.Tr key={l.id} style={{ cursor: 'pointer' }} onClick={() => nav(`/licenses/${l.id}`)}>
                <Table.Td>
                  <Anchor component={Link} to={`/licenses/${l.id}`} onClick={(e) => e.stopPropagation()}>
                    {l.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{(l.softwareId && swNames.get(l.softwareId)) || '—'}</Table.Td>
                <Table.Td>{(l.orgUnitId && ouNames.get(l.orgUnitId)) || '—'}</Table.Td>
                <Table.Td style={NO_WRAP}>{METRIC_LABEL[l.metric]}</Table.Td>
                <Table.Td>
                  <SeatsBar used={l.usedSeats} quantity={l.quantity} />
                </Table.Td>
                <Table.Td style={NO_WRAP}>{l.expirationDate ?? '—'}</Table.Td>
                <Table.Td style={NO_WRAP}>
                  {l.netUnitPrice} {l.currency}
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={l.status} />
                </Table.Td>
              </Table.Tr>
            ))}
            {list.data && items.length === 0 && <EmptyRow columns={8}>No licenses match.</EmptyRow>}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <PagedFooter
        label={<>{total} license(s)</>}
        total={total}
        pageSize={PAGE_SIZE}
        page={page}
        onPage={setPage}
      />
      <LicenseFormModal
        opened={creating}
        onClose={() => setCreating(false)}
        onSaved={(l) => nav(`/licenses/${l.id}`)}
      />
    </Stack>
  );
}
