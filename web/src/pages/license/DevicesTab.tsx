import { useState } from 'react';
import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { api, unwrap, type Seat } from '../../api/client';
import { can, useAuth } from '../../auth';
import { ActionDialog, LookupSelect, useConfirmation } from '../../components/common';
import { notifyOk } from '../../errors';
import { usableAssetLookup, useAssetNames, usePersonNames } from '../../lookups';
import { useRefreshSeats, useSeats, type LicenseTabProps } from './shared';

/** A per-user license's device activations, person by person: activate, reset one, reset all. */
export function DevicesTab({ license: l }: LicenseTabProps) {
  const { me } = useAuth();
  const seats = useSeats(l.id);
  const refresh = useRefreshSeats(l.id);
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
      <ActionDialog
        opened={!!activateFor}
        onClose={() => setActivateFor(null)}
        title="Activate on asset"
        action="Activate"
        ready={!!asset}
        busy={activate.isPending}
        onAction={() => activate.mutate()}
      >
        <Text size="sm">{activateFor?.personId ? persons.get(activateFor.personId) : ''}</Text>
        <LookupSelect lookup={usableAssetLookup} value={asset} onChange={setAsset} label="Asset" />
      </ActionDialog>
      {confirmation.dialog}
    </Stack>
  );
}
