import { ActionIcon, Button, Group, Table, Text, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';

export interface NewKey {
  key: string;
  note: string;
}
export const NO_KEY: NewKey = { key: '', note: '' };

/**
 * The keys the license form sends once the license is saved: those listed, and the one being
 * typed. `onEdit` is told of each change to the key, which clears its error.
 */
export function NewLicenseKeys({
  keys,
  onKeysChange,
  draft,
  onDraftChange,
  error,
  onEdit,
}: {
  keys: NewKey[];
  onKeysChange: (keys: NewKey[]) => void;
  draft: NewKey;
  onDraftChange: (draft: NewKey) => void;
  error: ReactNode;
  onEdit: () => void;
}) {
  return (
    <>
      <Text size="sm" c="dimmed">
        Enter the license key(s). They are saved with the license and stored encrypted.
      </Text>
      {keys.length > 0 && (
        <Table aria-label="Keys to add">
          <Table.Tbody>
            {keys.map((k, i) => (
              <Table.Tr key={i}>
                <Table.Td ff="monospace">{k.key}</Table.Td>
                <Table.Td>{k.note}</Table.Td>
                <Table.Td w={40}>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`Remove key ${k.key}`}
                    onClick={() => onKeysChange(keys.filter((_, j) => j !== i))}
                  >
                    ×
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group align="flex-end">
        <TextInput
          label="License key"
          value={draft.key}
          error={error}
          onChange={(e) => {
            onDraftChange({ ...draft, key: e.currentTarget.value });
            onEdit();
          }}
          style={{ flex: 2 }}
        />
        <TextInput
          label="Key note"
          value={draft.note}
          onChange={(e) => onDraftChange({ ...draft, note: e.currentTarget.value })}
          style={{ flex: 1 }}
        />
        <Button
          variant="default"
          disabled={!draft.key.trim()}
          onClick={() => {
            onKeysChange([...keys, draft]);
            onDraftChange(NO_KEY);
            onEdit();
          }}
        >
          Add another key
        </Button>
      </Group>
    </>
  );
}
