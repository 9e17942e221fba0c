import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Asset, type Schemas } from '../api/client';
import { can, useAuth } from '../auth';
import { AssetFormModal, ASSET_KINDS, ASSET_STATUSES } from '../components/AssetForm';
import { ConfirmDelete, refreshAfterHolderDeleted } from '../components/ConfirmDelete';
import { notifyOk } from '../errors';
import { flattenTree, useLocationTree, useOrgUnitTree, usePersonNames } from '../lookups';
import { STATUS_COLOR } from './AssetsPage';

type Held = Schemas['HeldLicenseDto'];

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children ?? '—'}</Text>
    </div>
  );
}

export function AssetDetailPage() {
  const { id = '' } = useParams();
  const { me } = useAuth();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const navigate = useNavigate();
  const ou = flattenTree(useOrgUnitTree().data);
  const loc = flattenTree(useLocationTree().data);
  const asset = useQuery({
    queryKey: ['assets', id],
    queryFn: () => unwrap(api.GET('/api/v1/assets/{id}', { params: { path: { id } } })) as Promise<Asset>,
  });
  const held = useQuery({
    queryKey: ['asset-licenses', id],
    queryFn: () =>
      unwrap(api.GET('/api/v1/assets/{id}/licenses', { params: { path: { id } } })) as Promise<Held[]>,
  });
  const items = held.data ?? [];
  const persons = usePersonNames([asset.data?.ownerPersonId, ...items.map((h) => h.personId)]);
  if (asset.isLoading) return <Loader aria-label="Loading" />;
  if (!asset.data) return <Alert color="red">Asset not found or outside your scope.</Alert>;
  const a = asset.data;
  return (
    <Stack>
      <Anchor component={Link} to="/assets" size="sm">
        ← Assets
      </Anchor>
      <Group justify="space-between">
        <Title order={2}>{a.name}</Title>
        <Group>
          <Badge color={STATUS_COLOR[a.status]} variant="light">
            {ASSET_STATUSES.find((s) => s.value === a.status)?.label ?? a.status}
          </Badge>
          {can.manage(me?.role) && <Button onClick={() => setEditing(true)}>Edit</Button>}
          {can.manage(me?.role) && (
            <Button color="red" variant="subtle" onClick={() => setDeleting(true)}>
              Delete
            </Button>
          )}
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        <Field label="Inventory number">{a.inventoryNumber}</Field>
        <Field label="Serial number">{a.serialNumber}</Field>
        <Field label="Kind">{ASSET_KINDS.find((k) => k.value === a.kind)?.label ?? a.kind}</Field>
        <Field label="Org unit">{a.orgUnitId ? ou.get(a.orgUnitId) : null}</Field>
        <Field label="Location">{a.locationId ? loc.get(a.locationId) : null}</Field>
        <Field label="Owner">
          {a.ownerPersonId ? (
            <Anchor component={Link} to={`/persons/${a.ownerPersonId}`}>
              {persons.get(a.ownerPersonId)}
            </Anchor>
          ) : null}
        </Field>
      </SimpleGrid>
      <Title order={4}>Licenses on this asset</Title>
      <Table.ScrollContainer minWidth={500}>
        <Table aria-label="Licenses on this asset">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>License</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Seat holder</Table.Th>
              <Table.Th>Since</Table.Th>
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
                  <Badge variant="light">{h.kind === 'seat' ? 'device seat' : 'activation'}</Badge>
                </Table.Td>
                <Table.Td>{h.personId ? persons.get(h.personId) : '—'}</Table.Td>
                <Table.Td>{new Date(h.since).toLocaleDateString()}</Table.Td>
              </Table.Tr>
            ))}
            {!held.isLoading && items.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={4}>
                  <Text c="dimmed">No licenses on this asset.</Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <AssetFormModal
        opened={editing}
        onClose={() => setEditing(false)}
        asset={a}
        onSaved={() => qc.invalidateQueries({ queryKey: ['assets', id] })}
      />
      <ConfirmDelete
        opened={deleting}
        title={`Delete ${a.name} (${a.inventoryNumber})?`}
        remove={() => unwrap(api.DELETE('/api/v1/assets/{id}', { params: { path: { id } } }))}
        onClose={() => setDeleting(false)}
        onDeleted={() => {
          notifyOk(`${a.name} deleted`);
          navigate('/assets');
          refreshAfterHolderDeleted(qc, 'assets', id);
        }}
      >
        <Text size="sm">
          The asset is removed for good
          {items.length
            ? `; first its ${items.length} seat(s) and activation(s) are released (the history stays).`
            : '.'}
        </Text>
      </ConfirmDelete>
    </Stack>
  );
}
