import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Loader,
  Modal,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../api/client';
import { can, useAuth } from '../auth';
import { notifyOk } from '../errors';
import { ConfirmDelete, refreshAfterHolderDeleted } from '../components/ConfirmDelete';
import { PersonFormModal } from '../components/PersonForm';
import { flattenTree, useAssetNames, useLocationTree, useOrgUnitTree } from '../lookups';

type Held = Schemas['HeldLicenseDto'];

export function PersonDetailPage() {
  const { id = '' } = useParams();
  const { me } = useAuth();
  const qc = useQueryClient();
  const [confirm, setConfirm] = useState(false);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const navigate = useNavigate();
  const ou = flattenTree(useOrgUnitTree().data);
  const loc = flattenTree(useLocationTree().data);
  const person = useQuery({
    queryKey: ['persons', id],
    queryFn: () => unwrap(api.GET('/api/v1/persons/{id}', { params: { path: { id } } })),
  });
  const held = useQuery({
    queryKey: ['person-licenses', id],
    queryFn: () =>
      unwrap(api.GET('/api/v1/persons/{id}/licenses', { params: { path: { id } } })) as Promise<Held[]>,
  });
  const items = held.data ?? [];
  const assets = useAssetNames(items.flatMap((h) => h.devices.map((d) => d.assetId)));
  const offboard = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/persons/{id}/offboard', { params: { path: { id } } })),
    onSuccess: (res) => {
      const n = ((res as unknown as { released?: unknown[] })?.released ?? []).length;
      notifyOk(`Offboarded: ${n} seat(s)/device(s) released`);
      setConfirm(false);
      qc.invalidateQueries({ queryKey: ['person-licenses', id] });
      qc.invalidateQueries({ queryKey: ['licenses'] });
      qc.invalidateQueries({ queryKey: ['seats'] });
    },
  });
  if (person.isLoading) return <Loader aria-label="Loading" />;
  if (!person.data) return <Alert color="red">Person not found or outside your scope.</Alert>;
  const p = person.data;
  return (
    <Stack>
      <Anchor component={Link} to="/persons" size="sm">
        ← Persons
      </Anchor>
      <Group justify="space-between">
        <Title order={2}>
          {p.firstName} {p.lastName}
        </Title>
        <Group>
          {can.manage(me?.role) && (
            <Button variant="default" onClick={() => setEditing(true)}>
              Edit
            </Button>
          )}
          {can.assign(me?.role) && (
            <Button color="red" variant="light" onClick={() => setConfirm(true)} disabled={!items.length}>
              Offboard
            </Button>
          )}
          {can.manage(me?.role) && (
            <Button color="red" variant="subtle" onClick={() => setDeleting(true)}>
              Delete
            </Button>
          )}
        </Group>
      </Group>
      <PersonFormModal
        opened={editing}
        onClose={() => setEditing(false)}
        person={p}
        onSaved={() => qc.invalidateQueries({ queryKey: ['persons', id] })}
      />
      <Text size="sm">
        {p.email} · {p.employeeNumber ?? 'no employee number'} ·{' '}
        {(p.orgUnitId && ou.get(p.orgUnitId)) || 'no org unit'} ·{' '}
        {(p.locationId && loc.get(p.locationId)) || 'no location'} · {p.active ? 'active' : 'inactive'}
      </Text>
      <Title order={4}>Seats held</Title>
      <Table.ScrollContainer minWidth={500}>
        <Table aria-label="Seats held">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>License</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Since</Table.Th>
              <Table.Th>Devices</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((h) => (
              <Table.Tr key={h.seatId + h.kind}>
                <Table.Td>
                  <Anchor component={Link} to={`/licenses/${h.licenseId}`}>
                    {h.licenseName}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light">{h.kind}</Badge>
                </Table.Td>
                <Table.Td>{new Date(h.since).toLocaleDateString()}</Table.Td>
                <Table.Td>{h.devices.map((d) => assets.get(d.assetId)).join(', ') || '—'}</Table.Td>
              </Table.Tr>
            ))}
            {items.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={4}>
                  <Text c="dimmed">No seats held.</Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal
        opened={confirm}
        onClose={() => setConfirm(false)}
        title={`Offboard ${p.firstName} ${p.lastName}?`}
      >
        <Stack>
          <Text size="sm">This releases every seat and device the person holds:</Text>
          <HeldList items={items} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(false)}>
              Cancel
            </Button>
            <Button color="red" loading={offboard.isPending} onClick={() => offboard.mutate()}>
              Offboard
            </Button>
          </Group>
        </Stack>
      </Modal>
      <ConfirmDelete
        opened={deleting}
        title={`Delete ${p.firstName} ${p.lastName}?`}
        remove={() => unwrap(api.DELETE('/api/v1/persons/{id}', { params: { path: { id } } }))}
        onClose={() => setDeleting(false)}
        onDeleted={() => {
          notifyOk(`${p.firstName} ${p.lastName} deleted`);
          navigate('/persons');
          refreshAfterHolderDeleted(qc, 'persons', id);
        }}
      >
        <Text size="sm">
          The person is removed for good
          {items.length ? '; first, every seat and device they hold is released (the history stays):' : '.'}
        </Text>
        {items.length > 0 && <HeldList items={items} />}
        <Text size="sm" c="dimmed">
          A person who still owns assets cannot be deleted; Offboard keeps the record instead.
        </Text>
      </ConfirmDelete>
    </Stack>
  );
}

/** The seats a person holds, as offboarding or deleting would release them. */
function HeldList({ items }: { items: Held[] }) {
  return (
    <List size="sm">
      {items.map((h) => (
        <List.Item key={h.seatId + h.kind}>
          {h.licenseName} {h.devices.length ? `(${h.devices.length} device(s))` : ''}
        </List.Item>
      ))}
    </List>
  );
}
