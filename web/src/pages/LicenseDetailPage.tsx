import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  Pagination,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type License, type Seat } from '../api/client';
import { can, useAuth } from '../auth';
import {
  LookupMultiSelect,
  LookupSelect,
  METRIC_LABEL,
  SeatsBar,
  StatusBadge,
  useConfirmation,
} from '../components/common';
import { LicenseFormModal } from '../components/LicenseForm';
import { notifyOk } from '../errors';
import {
  activePersonLookup,
  categoryLookup,
  flattenTree,
  organizationLookup,
  softwareLookup,
  usableAssetLookup,
  useAssetNames,
  useLocationTree,
  useLookupNames,
  useOrgUnitTree,
  usePersonNames,
  type Lookup,
} from '../lookups';

const anyOrganization = organizationLookup(['internal', 'supplier', 'manufacturer']);
const HISTORY_PAGE = 25;

export function LicenseDetailPage() {
  const { id = '' } = useParams();
  const { me } = useAuth();
  const [editing, setEditing] = useState(false);
  const lic = useQuery({
    queryKey: ['license', id],
    queryFn: () => unwrap(api.GET('/api/v1/licenses/{id}', { params: { path: { id } } })) as Promise<License>,
  });
  if (lic.isLoading) return <Loader aria-label="Loading" />;
  if (!lic.data) return <Alert color="red">License not found.</Alert>;
  const l = lic.data;
  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Anchor component={Link} to="/licenses" size="sm">
            ← Licenses
          </Anchor>
          <Title order={2}>{l.name}</Title>
        </div>
        <Group>
          <StatusBadge status={l.status} />
          {can.editLicense(me?.role) && <Button onClick={() => setEditing(true)}>Edit</Button>}
        </Group>
      </Group>
      <Tabs defaultValue="details" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="details">Details</Tabs.Tab>
          <Tabs.Tab value="seats">Seats</Tabs.Tab>
          {l.metric === 'per_user' && <Tabs.Tab value="devices">Devices</Tabs.Tab>}
          <Tabs.Tab value="keys">Keys</Tabs.Tab>
          <Tabs.Tab value="history">History</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="details" pt="md">
          <Details l={l} />
        </Tabs.Panel>
        <Tabs.Panel value="seats" pt="md">
          <Seats l={l} />
        </Tabs.Panel>
        <Tabs.Panel value="devices" pt="md">
          <Devices l={l} />
        </Tabs.Panel>
        <Tabs.Panel value="keys" pt="md">
          <Keys l={l} />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <History l={l} />
        </Tabs.Panel>
      </Tabs>
      <LicenseFormModal opened={editing} onClose={() => setEditing(false)} license={l} />
    </Stack>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children ?? '—'}
      </Text>
    </div>
  );
}

function Details({ l }: { l: License }) {
  const sw = useLookupNames(softwareLookup, [l.softwareId]);
  const cat = useLookupNames(categoryLookup, [l.categoryId]);
  const org = useLookupNames(anyOrganization, [l.organizationId, l.supplierId]);
  const ou = flattenTree(useOrgUnitTree().data);
  const loc = flattenTree(useLocationTree().data);
  const n = (m: Map<string, string>, id: string | null) => (id ? (m.get(id) ?? id) : null);
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
      <Field label="Software">{n(sw, l.softwareId)}</Field>
      <Field label="License type">{n(cat, l.categoryId)}</Field>
      <Field label="Organization">{n(org, l.organizationId)}</Field>
      <Field label="Organizational structure">{n(ou, l.orgUnitId)}</Field>
      <Field label="Location structure">{n(loc, l.locationStructureId)}</Field>
      <Field label="Location">{n(loc, l.locationId)}</Field>
      <Field label="Serial number">{l.serialNumber}</Field>
      <Field label="Inventory number">{l.inventoryNumber}</Field>
      <Field label="Supplier">{n(org, l.supplierId)}</Field>
      <Field label="Expiration date">{l.expirationDate}</Field>
      <Field label="Support date">{l.supportDate}</Field>
      <Field label="Purchase date">{l.purchaseDate}</Field>
      <Field label="Invoice number">{l.invoiceNumber}</Field>
      <Field label="Net unit price">
        {l.netUnitPrice} {l.currency}
      </Field>
      <Field label="VAT %">{l.vatRate}</Field>
      <Field label="Gross unit price">
        {l.grossUnitPrice} {l.currency}
      </Field>
      <Field label="Metric">{METRIC_LABEL[l.metric]}</Field>
      <Field label="Seats">
        <SeatsBar used={l.usedSeats} quantity={l.quantity} />
      </Field>
      <Field label="Max activations per user">{l.maxActivationsPerUser}</Field>
      <Field label="Max activations">{l.maxActivations ?? 'unlimited'}</Field>
      <Field label="Max device resets">{l.maxDeviceResets ?? 'unlimited'}</Field>
      <Field label="Notes">{l.notes}</Field>
    </SimpleGrid>
  );
}

function useSeats(id: string) {
  return useQuery({
    queryKey: ['seats', id],
    queryFn: () =>
      unwrap(api.GET('/api/v1/licenses/{id}/seats', { params: { path: { id } } })) as Promise<Seat[]>,
  });
}

function useRefresh(id: string) {
  const qc = useQueryClient();
  return () => {
    for (const k of [['seats', id], ['license', id], ['history', id], ['licenses']])
      qc.invalidateQueries({ queryKey: k });
  };
}

function Seats({ l }: { l: License }) {
  const { me } = useAuth();
  const seats = useSeats(l.id);
  const refresh = useRefresh(l.id);
  const byPerson = l.metric === 'per_user';
  const candidates: Lookup<{ id: string }> = byPerson ? activePersonLookup : usableAssetLookup;
  const persons = usePersonNames((seats.data ?? []).map((s) => s.personId));
  const assets = useAssetNames((seats.data ?? []).map((s) => s.assetId));
  const [assignOpen, setAssignOpen] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const [transfer, setTransfer] = useState<Seat | null>(null);
  const [target, setTarget] = useState<string | null>(null);
  const confirmation = useConfirmation();
  const mayAssign = can.assign(me?.role);
  // Only roles with the persons pages get a link to one (finance has none).
  const linkPersons = can.inventory(me?.role);

  const assign = useMutation({
    mutationFn: () =>
      byPerson
        ? unwrap(
            api.POST('/api/v1/licenses/{id}/persons', {
              params: { path: { id: l.id } },
              body: { personIds: chosen },
            }),
          )
        : unwrap(
            api.POST('/api/v1/licenses/{id}/assets', {
              params: { path: { id: l.id } },
              body: { assetIds: chosen },
            }),
          ),
    onSuccess: () => {
      notifyOk(`Assigned ${chosen.length} ${byPerson ? 'person(s)' : 'asset(s)'}`);
      setAssignOpen(false);
      setChosen([]);
    },
    onSettled: () => refresh(),
  });
  const unassign = useMutation({
    mutationFn: (s: Seat) =>
      s.personId
        ? unwrap(
            api.DELETE('/api/v1/licenses/{id}/persons/{personId}', {
              params: { path: { id: l.id, personId: s.personId } },
            }),
          )
        : unwrap(
            api.DELETE('/api/v1/licenses/{id}/assets/{assetId}', {
              params: { path: { id: l.id, assetId: s.assetId! } },
            }),
          ),
    onSuccess: () => {
      notifyOk('Seat released');
      refresh();
    },
  });
  const doTransfer = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/licenses/{id}/seats/{seatId}/transfer', {
          params: { path: { id: l.id, seatId: transfer!.id } },
          body: byPerson ? { personId: target! } : { assetId: target! },
        }),
      ),
    onSuccess: () => {
      notifyOk('Seat transferred');
      setTransfer(null);
      setTarget(null);
      refresh();
    },
  });
  const holder = (s: Seat) =>
    (s.personId ? persons.get(s.personId) : s.assetId ? assets.get(s.assetId) : '—') ?? '—';
  const held = new Set((seats.data ?? []).map((s) => (s.personId ?? s.assetId)!));

  return (
    <Stack>
      <Group justify="space-between">
        <Group>
          <Text fw={600} data-testid="seats-available">
            Available: {l.availableSeats} / {l.quantity}
          </Text>
          <SeatsBar used={l.usedSeats} quantity={l.quantity} />
        </Group>
        {mayAssign && (
          <Button onClick={() => setAssignOpen(true)}>{byPerson ? 'Assign persons' : 'Assign assets'}</Button>
        )}
      </Group>
      <Table.ScrollContainer minWidth={600}>
        <Table aria-label="Seats">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{byPerson ? 'Person' : 'Asset'}</Table.Th>
              <Table.Th>Assigned at</Table.Th>
              {byPerson && <Table.Th>Devices</Table.Th>}
              <Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(seats.data ?? []).map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  {s.personId && linkPersons ? (
                    <Anchor component={Link} to={`/persons/${s.personId}`}>
                      {holder(s)}
                    </Anchor>
                  ) : (
                    holder(s)
                  )}
                </Table.Td>
                <Table.Td>{new Date(s.assignedAt).toLocaleString()}</Table.Td>
                {byPerson && (
                  <Table.Td>
                    {s.devices.length} / {l.maxActivationsPerUser}
                  </Table.Td>
                )}
                <Table.Td>
                  {mayAssign && (
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="default"
                        aria-label={`Transfer seat of ${holder(s)}`}
                        onClick={() => {
                          setTransfer(s);
                          setTarget(null);
                        }}
                      >
                        Transfer
                      </Button>
                      <Button
                        size="xs"
                        color="red"
                        variant="light"
                        aria-label={`Unassign ${holder(s)}`}
                        onClick={() =>
                          confirmation.ask({
                            title: 'Unassign seat',
                            message: `Release the seat of ${holder(s)}? ${s.devices.length ? `Its ${s.devices.length} device activation(s) end with it.` : ''}`,
                            confirmLabel: 'Unassign',
                            run: () => unassign.mutateAsync(s),
                          })
                        }
                      >
                        Unassign
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
            {seats.data?.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={4}>
                  <Text c="dimmed">No seats assigned.</Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <Modal
        opened={assignOpen}
        onClose={() => setAssignOpen(false)}
        title={byPerson ? 'Assign persons' : 'Assign assets'}
      >
        <Stack>
          <Text size="sm">
            Available: {l.availableSeats} / {l.quantity}
          </Text>
          <LookupMultiSelect
            lookup={candidates}
            value={chosen}
            onChange={setChosen}
            exclude={held}
            label={byPerson ? 'Persons' : 'Assets'}
          />
          {chosen.length > l.availableSeats && (
            <Alert color="yellow">
              {chosen.length} selected but only {l.availableSeats} seat(s) free.
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAssignOpen(false)}>
              Cancel
            </Button>
            <Button disabled={!chosen.length} loading={assign.isPending} onClick={() => assign.mutate()}>
              Save
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={!!transfer} onClose={() => setTransfer(null)} title="Transfer seat">
        <Stack>
          <Text size="sm">From: {transfer ? holder(transfer) : ''}</Text>
          <LookupSelect
            lookup={candidates}
            value={target}
            onChange={setTarget}
            exclude={held}
            label={byPerson ? 'To person' : 'To asset'}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setTransfer(null)}>
              Cancel
            </Button>
            <Button disabled={!target} loading={doTransfer.isPending} onClick={() => doTransfer.mutate()}>
              Transfer
            </Button>
          </Group>
        </Stack>
      </Modal>
      {confirmation.dialog}
    </Stack>
  );
}

function Devices({ l }: { l: License }) {
  const { me } = useAuth();
  const seats = useSeats(l.id);
  const refresh = useRefresh(l.id);
  const persons = usePersonNames((seats.data ?? []).map((s) => s.personId));
  const assets = useAssetNames((seats.data ?? []).flatMap((s) => s.devices.map((d) => d.assetId)));
  const [activateFor, setActivateFor] = useState<Seat | null>(null);
  const [asset, setAsset] = useState<string | null>(null);
  const confirmation = useConfirmation();
  const mayAct = can.assign(me?.role);
  const resetsLeft =
    l.maxDeviceResets === null
      ? ''
      : ` (${Math.max(0, l.maxDeviceResets - l.deviceResets)} of ${l.maxDeviceResets} resets left)`;

  const activate = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/licenses/{id}/persons/{personId}/devices', {
          params: { path: { id: l.id, personId: activateFor!.personId! } },
          body: { assetId: asset! },
        }),
      ),
    onSuccess: () => {
      notifyOk('Device activated');
      setActivateFor(null);
      setAsset(null);
      refresh();
    },
  });
  const resetDevice = useMutation({
    mutationFn: (v: { personId: string; assetId: string }) =>
      unwrap(
        api.POST('/api/v1/licenses/{id}/persons/{personId}/devices/{assetId}/reset', {
          params: { path: { id: l.id, ...v } },
        }),
      ),
    onSuccess: () => {
      notifyOk('Device reset');
      refresh();
    },
  });
  const resetAll = useMutation({
    mutationFn: (personId: string) =>
      unwrap(
        api.POST('/api/v1/licenses/{id}/persons/{personId}/reset', {
          params: { path: { id: l.id, personId } },
        }),
      ),
    onSuccess: () => {
      notifyOk('All devices of the person reset');
      refresh();
    },
  });

  return (
    <Stack>
      <Group gap="lg">
        <Text size="sm">
          Max activations per user: <b>{l.maxActivationsPerUser}</b>
        </Text>
        <Text size="sm">
          Activations: <b>{l.activeDevices}</b> / {l.maxActivations ?? 'unlimited'}
        </Text>
        <Text size="sm" data-testid="device-resets">
          Resets used: <b>{l.deviceResets}</b> / {l.maxDeviceResets ?? 'unlimited'}
        </Text>
      </Group>
      <Table.ScrollContainer minWidth={600}>
        <Table aria-label="Devices">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Person</Table.Th>
              <Table.Th>Devices</Table.Th>
              <Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(seats.data ?? [])
              .filter((s) => s.personId)
              .map((s) => {
                const person = persons.get(s.personId!);
                return (
                  <Table.Tr key={s.id}>
                    <Table.Td>
                      {person}
                      <Text size="xs" c="dimmed">
                        {s.devices.length} / {l.maxActivationsPerUser} activations
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={4}>
                        {s.devices.map((d) => (
                          <Group key={d.id} gap="xs">
                            <Badge variant="outline">{assets.get(d.assetId)}</Badge>
                            <Text size="xs" c="dimmed">
                              {new Date(d.activatedAt).toLocaleDateString()}
                            </Text>
                            {mayAct && (
                              <Button
                                size="compact-xs"
                                variant="subtle"
                                color="orange"
                                aria-label={`Reset ${assets.get(d.assetId)}`}
                                onClick={() =>
                                  confirmation.ask({
                                    title: 'Reset device',
                                    message: `Deactivate ${assets.get(d.assetId)} for ${person}? The reset counts against the license${resetsLeft}.`,
                                    confirmLabel: 'Reset',
                                    run: () =>
                                      resetDevice.mutateAsync({ personId: s.personId!, assetId: d.assetId }),
                                  })
                                }
                              >
                                Reset
                              </Button>
                            )}
                          </Group>
                        ))}
                        {s.devices.length === 0 && (
                          <Text size="sm" c="dimmed">
                            No device
                          </Text>
                        )}
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      {mayAct && (
                        <Group gap="xs" wrap="nowrap">
                          <Button
                            size="xs"
                            variant="default"
                            aria-label={`Activate on asset for ${person}`}
                            onClick={() => {
                              setActivateFor(s);
                              setAsset(null);
                            }}
                          >
                            Activate on asset
                          </Button>
                          <Button
                            size="xs"
                            variant="light"
                            color="orange"
                            disabled={!s.devices.length}
                            aria-label={`Reset all devices of ${person}`}
                            onClick={() =>
                              confirmation.ask({
                                title: 'Reset all devices',
                                message: `Deactivate all ${s.devices.length} device(s) of ${person}? Each reset counts against the license${resetsLeft}.`,
                                confirmLabel: 'Reset all',
                                run: () => resetAll.mutateAsync(s.personId!),
                              })
                            }
                          >
                            Reset all
                          </Button>
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal opened={!!activateFor} onClose={() => setActivateFor(null)} title="Activate on asset">
        <Stack>
          <Text size="sm">{activateFor?.personId ? persons.get(activateFor.personId) : ''}</Text>
          <LookupSelect lookup={usableAssetLookup} value={asset} onChange={setAsset} label="Asset" />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setActivateFor(null)}>
              Cancel
            </Button>
            <Button disabled={!asset} loading={activate.isPending} onClick={() => activate.mutate()}>
              Activate
            </Button>
          </Group>
        </Stack>
      </Modal>
      {confirmation.dialog}
    </Stack>
  );
}

function Keys({ l }: { l: License }) {
  const { me } = useAuth();
  const qc = useQueryClient();
  const manage = can.manage(me?.role);
  const [key, setKey] = useState('');
  const [note, setNote] = useState('');
  const confirmation = useConfirmation();
  const keys = useQuery({
    queryKey: ['keys', l.id],
    queryFn: () => unwrap(api.GET('/api/v1/licenses/{id}/keys', { params: { path: { id: l.id } } })),
  });
  const add = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/licenses/{id}/keys', {
          params: { path: { id: l.id } },
          body: { key: key.trim(), note: note.trim() || null },
        }),
      ),
    onSuccess: () => {
      setKey('');
      setNote('');
      notifyOk('Key added');
      qc.invalidateQueries({ queryKey: ['keys', l.id] });
    },
  });
  const del = useMutation({
    mutationFn: (keyId: string) =>
      unwrap(api.DELETE('/api/v1/licenses/{id}/keys/{keyId}', { params: { path: { id: l.id, keyId } } })),
    onSuccess: () => {
      notifyOk('Key deleted');
      qc.invalidateQueries({ queryKey: ['keys', l.id] });
    },
  });
  const list = keys.data ?? [];
  return (
    <Stack>
      {!manage && (
        <Text size="sm" c="dimmed">
          Keys are shown masked for your role.
        </Text>
      )}
      <Table aria-label="Keys">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Key</Table.Th>
            <Table.Th>Note</Table.Th>
            <Table.Th>Bound to seat</Table.Th>
            {manage && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.map((k) => (
            <Table.Tr key={k.id}>
              <Table.Td ff="monospace">{k.key}</Table.Td>
              <Table.Td>{k.note ?? ''}</Table.Td>
              <Table.Td>{k.seatId ? 'yes' : '—'}</Table.Td>
              {manage && (
                <Table.Td>
                  <Button
                    size="xs"
                    color="red"
                    variant="subtle"
                    aria-label={`Delete key ${k.key}`}
                    onClick={() =>
                      confirmation.ask({
                        title: 'Delete key',
                        message: `Delete the key ${k.key}${k.note ? ` (${k.note})` : ''}? It cannot be recovered.`,
                        confirmLabel: 'Delete',
                        run: () => del.mutateAsync(k.id),
                      })
                    }
                  >
                    Delete
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
          {list.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={4}>
                <Text c="dimmed">No keys.</Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      {manage && (
        <Group align="flex-end">
          <TextInput
            label="New key"
            value={key}
            onChange={(e) => setKey(e.currentTarget.value)}
            style={{ flex: 2 }}
          />
          <TextInput
            label="Note"
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            style={{ flex: 1 }}
          />
          <Button disabled={!key.trim()} loading={add.isPending} onClick={() => add.mutate()}>
            Add key
          </Button>
        </Group>
      )}
      {confirmation.dialog}
    </Stack>
  );
}

function History({ l }: { l: License }) {
  const [page, setPage] = useState(1);
  const hist = useQuery({
    queryKey: ['history', l.id, page],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/licenses/{id}/history', {
          params: { path: { id: l.id }, query: { page, pageSize: HISTORY_PAGE } },
        }),
      ),
  });
  const items = hist.data?.items ?? [];
  const total = hist.data?.total ?? 0;
  const persons = usePersonNames(items.map((e) => e.personId));
  const assets = useAssetNames(items.map((e) => e.assetId));
  return (
    <Stack>
      <Table.ScrollContainer minWidth={600}>
        <Table aria-label="History">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Action</Table.Th>
              <Table.Th>Person / asset</Table.Th>
              <Table.Th>Details</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((e, i) => (
              <Table.Tr key={i}>
                <Table.Td>{new Date(e.at).toLocaleString()}</Table.Td>
                <Table.Td>
                  <Badge variant="light">{e.action}</Badge>
                </Table.Td>
                <Table.Td>
                  {e.personId ? persons.get(e.personId) : e.assetId ? assets.get(e.assetId) : '—'}
                </Table.Td>
                <Table.Td>
                  <Text size="xs" ff="monospace">
                    {Object.keys(e.details).length ? JSON.stringify(e.details) : ''}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
            {items.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={4}>
                  <Text c="dimmed">No events yet.</Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {total > HISTORY_PAGE && (
        <Pagination total={Math.ceil(total / HISTORY_PAGE)} value={page} onChange={setPage} />
      )}
    </Stack>
  );
}
