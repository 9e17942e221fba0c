import { useState } from 'react';
import { Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { can, useAuth } from '../../auth';
import { EmptyRow, useConfirmation } from '../../components/common';
import { notifyOk } from '../../errors';
import type { LicenseTabProps } from './shared';

/** The license keys: masked for roles that may not manage them; managers add and delete. */
export function KeysTab({ license: l }: LicenseTabProps) {
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
          {list.length === 0 && <EmptyRow columns={4}>No keys.</EmptyRow>}
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
