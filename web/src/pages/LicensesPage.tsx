import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Anchor, Button, Group, NumberInput, Pagination, Select, Stack, Table, Text, TextInput, Title, TreeSelect } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap, type License } from '../api/client';
import { can, useAuth } from '../auth';
import { METRIC_LABEL, SeatsBar, SortTh, StatusBadge } from '../components/common';
import { LicenseFormModal } from '../components/LicenseForm';
import { flattenTree, nameMap, toTreeData, useOrgUnitTree, useSoftware } from '../lookups';

const PAGE_SIZE = 20;

export function LicensesPage() {
  const { me } = useAuth();
  const nav = useNavigate();
  const [q, setQ] = useState('');
  const [dq] = useDebouncedValue(q, 300);
  const [metric, setMetric] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [expiring, setExpiring] = useState<number | string>('');
  const [softwareId, setSoftwareId] = useState<string | null>(null);
  const [orgUnitId, setOrgUnitId] = useState<string | null>(null);
  const [sort, setSort] = useState('name');
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);

  const software = useSoftware();
  const tree = useOrgUnitTree();
  const swNames = nameMap(software.data?.items);
  const ouNames = flattenTree(tree.data);

  const query = {
    page,
    pageSize: PAGE_SIZE,
    sort,
    q: dq || undefined,
    metric: (metric ?? undefined) as License['metric'] | undefined,
    status: (status ?? undefined) as License['status'] | undefined,
    expiringWithinDays: typeof expiring === 'number' ? expiring : undefined,
    softwareId: softwareId ?? undefined,
    orgUnitId: orgUnitId ?? undefined,
  };
  const list = useQuery({
    queryKey: ['licenses', query],
    queryFn: () => unwrap(api.GET('/api/v1/licenses', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const reset = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };
  const total = list.data?.total ?? 0;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Licenses</Title>
        {can.manage(me?.role) && <Button onClick={() => setCreating(true)}>New license</Button>}
      </Group>
      <Group align="flex-end" gap="sm">
        <TextInput
          label="Search"
          placeholder="Name, serial, invoice…"
          value={q}
          onChange={(e) => reset(setQ)(e.currentTarget.value)}
          w={220}
        />
        <Select
          label="Metric"
          clearable
          data={[
            { value: 'per_user', label: 'Per user' },
            { value: 'per_device', label: 'Per device' },
          ]}
          value={metric}
          onChange={reset(setMetric)}
          w={140}
        />
        <Select
          label="Status"
          clearable
          data={['active', 'expiring', 'expired']}
          value={status}
          onChange={reset(setStatus)}
          w={140}
        />
        <NumberInput
          label="Expiring within days"
          min={0}
          value={expiring}
          onChange={reset(setExpiring)}
          w={170}
        />
        <Select
          label="Software"
          clearable
          searchable
          data={(software.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
          value={softwareId}
          onChange={reset(setSoftwareId)}
          w={220}
        />
        <TreeSelect
          label="Org unit"
          clearable
          searchable
          defaultExpandAll
          data={toTreeData(tree.data)}
          value={orgUnitId}
          onChange={reset(setOrgUnitId)}
          w={220}
        />
      </Group>
      <Table.ScrollContainer minWidth={900}>
        <Table striped highlightOnHover aria-label="Licenses">
          <Table.Thead>
            <Table.Tr>
              <SortTh field="name" sort={sort} onSort={setSort}>Name</SortTh>
              <Table.Th>Software</Table.Th>
              <Table.Th>Org unit</Table.Th>
              <SortTh field="metric" sort={sort} onSort={setSort}>Metric</SortTh>
              <SortTh field="quantity" sort={sort} onSort={setSort}>Seats</SortTh>
              <SortTh field="expirationDate" sort={sort} onSort={setSort}>Expires</SortTh>
              <SortTh field="netUnitPrice" sort={sort} onSort={setSort}>Net unit</SortTh>
              <Table.Th>Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data?.items.map((l) => (
              <Table.Tr key={l.id} style={{ cursor: 'pointer' }} onClick={() => nav(`/licenses/${l.id}`)}>
                <Table.Td>
                  <Anchor component={Link} to={`/licenses/${l.id}`} onClick={(e) => e.stopPropagation()}>
                    {l.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{(l.softwareId && swNames.get(l.softwareId)) || '—'}</Table.Td>
                <Table.Td>{(l.orgUnitId && ouNames.get(l.orgUnitId)) || '—'}</Table.Td>
                <Table.Td>{METRIC_LABEL[l.metric]}</Table.Td>
                <Table.Td>
                  <SeatsBar used={l.usedSeats} quantity={l.quantity} />
                </Table.Td>
                <Table.Td>{l.expirationDate ?? '—'}</Table.Td>
                <Table.Td>
                  {l.netUnitPrice} {l.currency}
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={l.status} />
                </Table.Td>
              </Table.Tr>
            ))}
            {list.data && list.data.items.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={8}>
                  <Text c="dimmed">No licenses match.</Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {total} license(s)
        </Text>
        <Pagination total={Math.max(1, Math.ceil(total / PAGE_SIZE))} value={page} onChange={setPage} />
      </Group>
      <LicenseFormModal opened={creating} onClose={() => setCreating(false)} onSaved={(l) => nav(`/licenses/${l.id}`)} />
    </Stack>
  );
}
