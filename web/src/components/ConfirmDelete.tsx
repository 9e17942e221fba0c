import { useEffect, type ReactNode } from 'react';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation, type QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client';

/**
 * Asks before deleting a record. A refusal (409 IN_USE, LAST_ADMIN, …) stays in the
 * dialog with the API's message, next to the record it is about.
 */
export function ConfirmDelete({
  opened,
  title,
  children,
  remove,
  onClose,
  onDeleted,
}: {
  opened: boolean;
  title: string;
  children?: ReactNode;
  remove: () => Promise<unknown>;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const del = useMutation({ mutationFn: remove, onSuccess: onDeleted, meta: { silent: true } });
  const { reset } = del;
  useEffect(() => {
    if (opened) reset();
  }, [opened, reset]);
  const refusal = del.error instanceof ApiError ? del.error.message : del.error && String(del.error);
  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      <Stack>
        {children ?? <Text size="sm">This cannot be undone.</Text>}
        {refusal && (
          <Alert color="red" role="alert" title="Not deleted">
            {refusal}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button color="red" loading={del.isPending} onClick={() => del.mutate()}>
            Delete
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/**
 * After a person or asset is deleted: its seats were released, so every license view is
 * stale; its own queries are dropped from the refresh (they would only answer 404 now).
 */
export function refreshAfterHolderDeleted(qc: QueryClient, list: 'persons' | 'assets', id: string) {
  qc.invalidateQueries({ queryKey: [list], predicate: (q) => q.queryKey[1] !== id });
  for (const key of ['licenses', 'license', 'seats', 'history']) qc.invalidateQueries({ queryKey: [key] });
}
