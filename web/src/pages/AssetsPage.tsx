import { useState } from 'react';
import { Badge, Group, Pagination, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Asset } from '../api/client';
import { SortTh } from '../components/common';
import { flattenTree, useOrgUnitTree, usePersonNames } from '../lookups';

const PAGE_SIZE = 25;
const STATUS_COLOR = { in_use: 'green', in_stock: 'blue', retired: 'gray' } as const;

export function AssetsPage() {
  const [q, setQ] = useState('');
  const [dq] = useDebouncedValue(q, 300);
  const [status, setStatus] = useState<string | null>(null);
  const [sort, setSort] = useState('name');
  const [page, setPage] = useState(1);
  const ou = flattenTree(useOrgUnitTree().data);
  const query = { q: dq || undefined, sort, page, pageSize: PAGE_SIZE, status: (status ?? undefined) as Asset['status'] | undefined };
  const list = useQuery({
    queryKey: ['assets', 'list', query],
    queryFn: () => unwrap(api.GET('/api/v1/assets', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const owners = usePersonNames((list.data?.items ?? []).map((a) => a.ownerPersonId));
  const total = list.data?.total ?? 0;
  return (
    <Stack>
      <Title order={2}>Assets</Title>
      <Group align="flex-end">
        <TextInput label="Search assets" value={q} onChange={(e) => { setQ(e.currentTarget.value); setPage(1); }} w={260} />
        <Select label="Status" clearable data={['in_use', 'in_stock', 'retired']} value={status} onChange={(v) => { setStatus(v); setPage(1); }} w={160} />
      </Group>
      <Table.ScrollContainer minWidth={800}>
        <Table striped aria-label="Assets">
          <Table.Thead>
            <Table.Tr>
              <SortTh field="name" sort={sort} onSort={setSort}>Name</SortTh>
              <SortTh field="inventoryNumber" sort={sort} onSort={setSort}>Inventory no.</SortTh>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Org unit</Table.Th>
              <Table.Th>Owner</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data?.items.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>{a.name}</Table.Td>
                <Table.Td>{a.inventoryNumber}</Table.Td>
                <Table.Td>{a.kind}</Table.Td>
                <Table.Td><Badge color={STATUS_COLOR[a.status]} variant="light">{a.status}</Badge></Table.Td>
                <Table.Td>{(a.orgUnitId && ou.get(a.orgUnitId)) || '—'}</Table.Td>
                <Table.Td>{a.ownerPersonId ? owners.get(a.ownerPersonId) : '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">{total} asset(s)</Text>
        <Pagination total={Math.max(1, Math.ceil(total / PAGE_SIZE))} value={page} onChange={setPage} />
      </Group>
    </Stack>
  );
}
