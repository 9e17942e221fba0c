import { Badge, Group, Progress, Table, Text, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';
import type { License } from '../api/client';

const STATUS_COLOR = { active: 'green', expiring: 'yellow', expired: 'red' } as const;

export function StatusBadge({ status }: { status: License['status'] }) {
  return (
    <Badge color={STATUS_COLOR[status]} variant="light">
      {status}
    </Badge>
  );
}

export function SeatsBar({ used, quantity }: { used: number; quantity: number }) {
  const pct = quantity > 0 ? Math.min(100, (used / quantity) * 100) : 0;
  const color = pct >= 100 ? 'red' : pct >= 80 ? 'yellow' : 'teal';
  return (
    <Group gap="xs" wrap="nowrap" miw={120}>
      <Progress value={pct} color={color} w={70} aria-label={`Seats used ${used} of ${quantity}`} />
      <Text size="xs" c="dimmed">
        {used} / {quantity}
      </Text>
    </Group>
  );
}

/** A header cell that sorts by `field` (`sort` is `field` or `-field`). */
export function SortTh({
  field,
  sort,
  onSort,
  children,
}: {
  field: string;
  sort: string;
  onSort: (s: string) => void;
  children: ReactNode;
}) {
  const active = sort.replace(/^-/, '') === field;
  const desc = sort.startsWith('-');
  return (
    <Table.Th aria-sort={active ? (desc ? 'descending' : 'ascending') : 'none'}>
      <UnstyledButton onClick={() => onSort(active && !desc ? `-${field}` : field)} fw={600} fz="sm">
        {children} {active ? (desc ? '▼' : '▲') : ''}
      </UnstyledButton>
    </Table.Th>
  );
}

export const METRIC_LABEL = { per_user: 'Per user', per_device: 'Per device' } as const;
