import { useState } from 'react';
import { Anchor, Badge, Button, Group, Pagination, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Asset } from '../api/client';
import { Link, useNavigate } from 'react-router-dom';
import { SortTh } from '../components/common';
import { AssetFormModal } from '../components/AssetForm';
import { can, useAuth } from '../auth';
import { flattenTree, useOrgUnitTree, usePersonNames } from '../lookups';

const PAGE_SIZE = 25;
export const STATUS_COLOR = { in_use: 'green', in_stock: 'blue', retired: 'gray' } as const;

export function AssetsPage() {
  const [q, setQ] = useState('');
  const [dq] = useDebouncedValue(q, 300);
  const [status, setStatus] = useState<string | null>(null);
  const [sort, setSort] = useState('name');
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Asset | undefined>();
  const { me } = useAuth();
  const manage = can.manage(me?.role);
  const navigate = useNavigate();
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
      <Group justify="space-between">
        <Title order={2}>Assets</Title>
        {manage && <Button onClick={() => setCreating(true)}>New asset</Button>}
      </Group>
      <AssetFormModal opened={creating} onClose={() => setCreating(false)} onSaved={(a) => navigate(`/assets/${a.id}`)} />
      <AssetFormModal opened={!!editing} onClose={() => setEditing(undefined)} asset={editing} />
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
              {manage && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data?.items.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td><Anchor component={Link} to={`/assets/${a.id}`}>{a.name}</Anchor></Table.Td>
                <Table.Td>{a.inventoryNumber}</Table.Td>
                <Table.Td>{a.kind}</Table.Td>
                <Table.Td><Badge color={STATUS_COLOR[a.status]} variant="light">{a.status}</Badge></Table.Td>
                <Table.Td>{(a.orgUnitId && ou.get(a.orgUnitId)) || '—'}</Table.Td>
                <Table.Td>{a.ownerPersonId ? owners.get(a.ownerPersonId) : '—'}</Table.Td>
                {manage && (
                  <Table.Td>
                    <Button size="xs" variant="default" aria-label={`Edit ${a.name}`} onClick={() => setEditing(a)}>Edit</Button>
                  </Table.Td>
                )}
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
