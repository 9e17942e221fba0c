import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Anchor, Badge, Button, Group, Pagination, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { SortTh } from '../components/common';
import { PersonFormModal } from '../components/PersonForm';
import { can, useAuth } from '../auth';
import { flattenTree, useOrgUnitTree } from '../lookups';

const PAGE_SIZE = 25;

export function PersonsPage() {
  const [q, setQ] = useState('');
  const [dq] = useDebouncedValue(q, 300);
  const [sort, setSort] = useState('lastName');
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const { me } = useAuth();
  const navigate = useNavigate();
  const ou = flattenTree(useOrgUnitTree().data);
  const query = { q: dq || undefined, sort, page, pageSize: PAGE_SIZE };
  const list = useQuery({
    queryKey: ['persons', 'list', query],
    queryFn: () => unwrap(api.GET('/api/v1/persons', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const total = list.data?.total ?? 0;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Persons</Title>
        {can.manage(me?.role) && <Button onClick={() => setCreating(true)}>New person</Button>}
      </Group>
      <PersonFormModal opened={creating} onClose={() => setCreating(false)} onSaved={(p) => navigate(`/persons/${p.id}`)} />
      <TextInput label="Search persons" value={q} onChange={(e) => { setQ(e.currentTarget.value); setPage(1); }} maw={300} />
      <Table.ScrollContainer minWidth={700}>
        <Table striped highlightOnHover aria-label="Persons">
          <Table.Thead>
            <Table.Tr>
              <SortTh field="lastName" sort={sort} onSort={setSort}>Name</SortTh>
              <SortTh field="email" sort={sort} onSort={setSort}>Email</SortTh>
              <Table.Th>Employee no.</Table.Th>
              <Table.Th>Org unit</Table.Th>
              <Table.Th>Active</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data?.items.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td><Anchor component={Link} to={`/persons/${p.id}`}>{p.firstName} {p.lastName}</Anchor></Table.Td>
                <Table.Td>{p.email}</Table.Td>
                <Table.Td>{p.employeeNumber ?? '—'}</Table.Td>
                <Table.Td>{(p.orgUnitId && ou.get(p.orgUnitId)) || '—'}</Table.Td>
                <Table.Td>{p.active ? <Badge color="green" variant="light">active</Badge> : <Badge color="gray">inactive</Badge>}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">{total} person(s)</Text>
        <Pagination total={Math.max(1, Math.ceil(total / PAGE_SIZE))} value={page} onChange={setPage} />
      </Group>
    </Stack>
  );
}
