import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { api, unwrap, type Seat } from '../../api/client';
import { can, useAuth } from '../../auth';
import {
  ActionDialog,
  EmptyRow,
  LookupMultiSelect,
  LookupSelect,
  SeatsBar,
  useConfirmation,
} from '../../components/common';
import { notifyOk } from '../../errors';
import { activePersonLookup, usableAssetLookup, type Lookup } from '../../lookups';
import { useHolderNames, useRefreshSeats, useSeats, type LicenseTabProps } from './shared';

/** Who holds the seats (persons or assets, by the metric); assign, transfer and unassign. */
export function SeatsTab({ license: l }: LicenseTabProps) {
  const { me } = useAuth();
  const seats = useSeats(l.id);
  const refresh = useRefreshSeats(l.id);
  const byPerson = l.metric === 'per_user';
  const candidates: Lookup<{ id: string }> = byPerson ? activePersonLookup : usableAssetLookup;
  const holderOf = useHolderNames(seats.data ?? []);
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
  const holder = (s: Seat) => holderOf(s) ?? '—';
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
            {seats.data?.length === 0 && <EmptyRow columns={4}>No seats assigned.</EmptyRow>}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <ActionDialog
        opened={assignOpen}
        onClose={() => setAssignOpen(false)}
        title={byPerson ? 'Assign persons' : 'Assign assets'}
        action="Save"
        ready={chosen.length > 0}
        busy={assign.isPending}
        onAction={() => assign.mutate()}
      >
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
      </ActionDialog>
      <ActionDialog
        opened={!!transfer}
        onClose={() => setTransfer(null)}
        title="Transfer seat"
        action="Transfer"
        ready={!!target}
        busy={doTransfer.isPending}
        onAction={() => doTransfer.mutate()}
      >
        <Text size="sm">From: {transfer ? holder(transfer) : ''}</Text>
        <LookupSelect
          lookup={candidates}
          value={target}
          onChange={setTarget}
          exclude={held}
          label={byPerson ? 'To person' : 'To asset'}
        />
      </ActionDialog>
      {confirmation.dialog}
    </Stack>
  );
}
