import { useEffect, useState, type ReactNode } from 'react';
import {
  Badge,
  Button,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Pagination,
  Progress,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  TreeSelect,
  UnstyledButton,
  type OptionsFilter,
  type SelectProps,
  type TreeSelectProps,
} from '@mantine/core';
import { useDebouncedCallback, useDebouncedValue } from '@mantine/hooks';
import type { License } from '../api/client';
import {
  softwareLookup,
  toTreeData,
  useLookupNames,
  useLookupOptions,
  useOrgUnitTree,
  type Lookup,
} from '../lookups';

const STATUS_COLOR = { active: 'green', expiring: 'yellow', expired: 'red' } as const;

export function StatusBadge({ status }: { status: License['status'] }) {
  // never narrower than its word: a tight table column would cut it to "ACTI…"
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" miw="max-content">
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

/** The server has searched already: the box shows what it answered. */
const serverFiltered: OptionsFilter = ({ options }) => options;

/**
 * Options of a picker searched on the server as the user types, with the chosen
 * records always among them (named even when the search has moved on).
 */
function usePickerData<T extends { id: string }>(
  lookup: Lookup<T>,
  chosen: string[],
  search: string,
  exclude?: ReadonlySet<string>,
) {
  const [q] = useDebouncedValue(search, 250);
  const { options, searching } = useLookupOptions(lookup, q, exclude);
  const names = useLookupNames(lookup, chosen);
  const listed = new Set(options.map((o) => o.value));
  const data = [
    ...chosen.filter((id) => !listed.has(id)).map((id) => ({ value: id, label: names.get(id) ?? id })),
    ...options,
  ];
  return {
    data,
    filter: serverFiltered,
    nothingFoundMessage: searching ? 'Searching…' : 'Nothing found',
  };
}

type PickerProps<T extends { id: string }> = {
  lookup: Lookup<T>;
  exclude?: ReadonlySet<string>;
} & Omit<SelectProps, 'data' | 'searchable' | 'searchValue' | 'onSearchChange' | 'filter'>;

/** A searchable single-choice picker over a record list of any length. */
export function LookupSelect<T extends { id: string }>({ lookup, exclude, value, ...rest }: PickerProps<T>) {
  const [search, setSearch] = useState('');
  const chosen = value ? [value] : [];
  const chosenLabel = useLookupNames(lookup, chosen).get(value ?? '');
  // The box shows the chosen record's name: that is no search, the list starts from the top.
  const picker = usePickerData(lookup, chosen, search === chosenLabel ? '' : search, exclude);
  return (
    <Select
      searchable
      value={value ?? null}
      searchValue={search}
      onSearchChange={setSearch}
      {...picker}
      {...rest}
    />
  );
}

/** A searchable multiple-choice picker over a record list of any length. */
export function LookupMultiSelect<T extends { id: string }>({
  lookup,
  exclude,
  label,
  value,
  onChange,
}: {
  lookup: Lookup<T>;
  exclude?: ReadonlySet<string>;
  label: string;
  value: string[];
  onChange: (ids: string[]) => void;
}) {
  const [search, setSearch] = useState('');
  const picker = usePickerData(lookup, value, search, exclude);
  return (
    <MultiSelect
      label={label}
      searchable
      hidePickedOptions
      value={value}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      {...picker}
    />
  );
}

/** A searchable, clearable pick from a tree of org units or locations, opened fully expanded. */
export function TreePicker({
  nodes,
  ...rest
}: { nodes: Parameters<typeof toTreeData>[0] } & Omit<TreeSelectProps, 'data'>) {
  return <TreeSelect clearable searchable defaultExpandAll data={toTreeData(nodes)} {...rest} />;
}

/** Filters of the license list, shared by the licenses page and the reports (API.md: the reports take them). */
export interface LicenseFilters {
  q?: string;
  softwareId?: string;
  orgUnitId?: string;
  status?: License['status'];
  metric?: License['metric'];
  expiringWithinDays?: number;
}

export const STATUSES: License['status'][] = ['active', 'expiring', 'expired'];
export const METRICS: License['metric'][] = ['per_user', 'per_device'];

export function LicenseFilterFields({
  value,
  onChange,
  fields,
}: {
  value: LicenseFilters;
  onChange: (next: LicenseFilters) => void;
  fields: (keyof LicenseFilters)[];
}) {
  const tree = useOrgUnitTree();
  const set = <K extends keyof LicenseFilters>(k: K, v: LicenseFilters[K] | null) =>
    onChange({ ...value, [k]: v ?? undefined });
  // the search box answers each key at once, the filter follows when typing pauses
  const [text, setText] = useState(value.q ?? '');
  const setQ = useDebouncedCallback((q: string) => set('q', q.trim() || undefined), 300);
  useEffect(() => setText(value.q ?? ''), [value.q]);
  const show = new Set(fields);
  return (
    <Group align="flex-end" gap="sm">
      {show.has('q') && (
        <TextInput
          label="Search"
          placeholder="Name, serial, invoice…"
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setQ(e.currentTarget.value);
          }}
          w={220}
        />
      )}
      {show.has('metric') && (
        <Select
          label="Metric"
          clearable
          data={METRICS.map((m) => ({ value: m, label: METRIC_LABEL[m] }))}
          value={value.metric ?? null}
          onChange={(v) => set('metric', v as License['metric'] | null)}
          w={140}
        />
      )}
      {show.has('status') && (
        <Select
          label="Status"
          clearable
          data={STATUSES}
          value={value.status ?? null}
          onChange={(v) => set('status', v as License['status'] | null)}
          w={140}
        />
      )}
      {show.has('expiringWithinDays') && (
        <NumberInput
          label="Expiring within days"
          min={0}
          allowDecimal={false}
          value={value.expiringWithinDays ?? ''}
          onChange={(v) => set('expiringWithinDays', typeof v === 'number' ? v : null)}
          w={170}
        />
      )}
      {show.has('softwareId') && (
        <LookupSelect
          lookup={softwareLookup}
          label="Software"
          clearable
          value={value.softwareId ?? null}
          onChange={(v) => set('softwareId', v)}
          w={220}
        />
      )}
      {show.has('orgUnitId') && (
        <TreePicker
          label="Org unit"
          nodes={tree.data}
          value={value.orgUnitId ?? null}
          onChange={(v) => set('orgUnitId', v)}
          w={220}
        />
      )}
    </Group>
  );
}

export interface Confirmation {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  run: () => Promise<unknown>;
}

/**
 * Asks before an action that cannot be taken back (a reset, an unassign, a deletion).
 * `ask` opens the dialog; it closes when the action succeeded and stays open on a
 * refusal, whose message the request's own handler shows.
 */
export function useConfirmation() {
  // the last question stays while the dialog closes, so its text does not vanish mid-animation
  const [pending, setPending] = useState<Confirmation | null>(null);
  const [opened, setOpened] = useState(false);
  const [busy, setBusy] = useState(false);
  const ask = (c: Confirmation) => {
    setPending(c);
    setOpened(true);
  };
  const close = () => setOpened(false);
  const confirm = async () => {
    if (!pending) return;
    setBusy(true);
    try {
      await pending.run();
      close();
    } catch {
      // shown by the mutation's error handler; the dialog stays for Cancel
    } finally {
      setBusy(false);
    }
  };
  const dialog = (
    <Modal opened={opened} onClose={close} title={pending?.title}>
      <Stack>
        <Text size="sm">{pending?.message}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={close} data-autofocus>
            Cancel
          </Button>
          <Button color="red" loading={busy} onClick={confirm}>
            {pending?.confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
  return { ask, dialog };
}

/** The row a table shows when nothing matches. */
export function EmptyRow({ columns, children }: { columns: number; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Td colSpan={columns}>
        <Text c="dimmed">{children}</Text>
      </Table.Td>
    </Table.Tr>
  );
}

/** Under a paged table: how many there are, and the pages (arrows named for screen readers). */
export function PagedFooter(props: {
  label: ReactNode;
  total: number;
  pageSize: number;
  page: number;
  onPage: (page: number) => void;
}) {
  return (
    <Group justify="space-between">
      <Text size="sm" c="dimmed">
        {props.label}
      </Text>
      <Pagination
        total={Math.max(1, Math.ceil(props.total / props.pageSize))}
        value={props.page}
        onChange={props.onPage}
        getControlProps={(control) => ({ 'aria-label': `${control} page` })}
      />
    </Group>
  );
}

/** The foot of every form dialog: Cancel, and the submit button that shows the save in flight. */
export function FormActions({
  onCancel,
  saving,
  submit = 'Save',
}: {
  onCancel: () => void;
  saving: boolean;
  submit?: string;
}) {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" loading={saving}>
        {submit}
      </Button>
    </Group>
  );
}

/** A dialog that asks for a choice and acts on it: its content, then Cancel and the action. */
export function ActionDialog({
  opened,
  onClose,
  title,
  action,
  ready,
  busy,
  onAction,
  children,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  /** The action button's label. */
  action: string;
  /** Whether the choice is complete: the action stays disabled until then. */
  ready: boolean;
  busy: boolean;
  onAction: () => void;
  children: ReactNode;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      <Stack>
        {children}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button disabled={!ready} loading={busy} onClick={onAction}>
            {action}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
