import { Link, useSearchParams } from 'react-router-dom';
import { Anchor, Badge, Group, Select, Spoiler, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useDebouncedCallback } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, getJson, unwrap, type Schemas } from '../api/client';
import { useAuth } from '../auth';
import { canAdmin } from '../components/adminAccess';
import type { ListPage } from '../components/RecordList';
import { EmptyRow, PagedFooter } from '../components/common';
import {
  flattenTree,
  nameMap,
  useCategories,
  useLocationTree,
  useOrganizations,
  useOrgUnitTree,
  useSoftware,
} from '../lookups';

type AuditEvent = Schemas['AuditEventDto'];
type Entity = AuditEvent['entity'];
type Action = AuditEvent['action'];

const PAGE_SIZE = 25;

const ENTITY_LABEL: Record<Entity, string> = {
  license: 'License',
  license_key: 'License key',
  seat: 'Seat',
  device: 'Device',
  person: 'Person',
  asset: 'Asset',
  software: 'Software',
  license_category: 'License category',
  organization: 'Organization',
  org_unit: 'Org unit',
  location: 'Location',
  user: 'User',
  import: 'Import',
};
const ACTION_LABEL: Record<Action, string> = {
  create: 'created',
  update: 'updated',
  delete: 'deleted',
  login: 'login',
  login_failed: 'login failed',
  import: 'import',
};
const ACTION_COLOR: Record<Action, string> = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  login: 'gray',
  login_failed: 'orange',
  import: 'grape',
};
const options = <K extends string>(labels: Record<K, string>) =>
  (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));

/** Where a record of an event can still be opened. */
const DETAIL_PATH: Partial<Record<Entity, string>> = {
  license: '/licenses',
  person: '/persons',
  asset: '/assets',
};

/** Bookkeeping fields a created or deleted record shows no reader anything with. */
const SILENT_FIELDS = new Set(['id', 'createdAt', 'updatedAt']);

const FILTERS = ['entity', 'action', 'actorId', 'from', 'to', 'q', 'entityId'] as const;

/** The audit trail (admin, asset manager, finance): who changed what, with before and after. */
export function AuditPage() {
  const [params, setParams] = useSearchParams();
  const get = (k: string) => params.get(k) || undefined;
  const page = Number(get('page') ?? 1);
  // filters live in the URL, so a filtered view can be linked and survives a reload
  const setFilter = (k: string, v: string | null | undefined) =>
    setParams(
      (p) => {
        if (v) p.set(k, v);
        else p.delete(k);
        p.delete('page');
        return p;
      },
      { replace: true },
    );
  const [q, setQ] = useState(get('q') ?? '');
  const searchChanges = useDebouncedCallback((v: string) => setFilter('q', v), 300);

  const query = {
    entity: get('entity') as Entity | undefined,
    action: get('action') as Action | undefined,
    actorId: get('actorId'),
    entityId: get('entityId'),
    from: get('from'),
    to: get('to'),
    q: get('q'),
    page,
    pageSize: PAGE_SIZE,
  };
  const events = useQuery({
    queryKey: ['audit-events', query],
    queryFn: () => unwrap(api.GET('/api/v1/audit-events', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const actors = useActorNames();
  const names = useReferenceNames();
  const total = events.data?.total ?? 0;

  return (
    <Stack>
      <Title order={2}>Audit</Title>
      <Group align="flex-end">
        <Select
          label="Entity"
          clearable
          searchable
          data={options(ENTITY_LABEL)}
          value={get('entity') ?? null}
          onChange={(v) => setFilter('entity', v)}
          w={180}
        />
        <Select
          label="Action"
          clearable
          data={options(ACTION_LABEL)}
          value={get('action') ?? null}
          onChange={(v) => setFilter('action', v)}
          w={150}
        />
        <Select
          label="Actor"
          clearable
          searchable
          data={actors.options}
          value={get('actorId') ?? null}
          onChange={(v) => setFilter('actorId', v)}
          w={220}
        />
        <DateInput
          label="From"
          valueFormat="YYYY-MM-DD"
          clearable
          value={get('from') ?? null}
          onChange={(v) => setFilter('from', v)}
          w={150}
        />
        <DateInput
          label="To"
          valueFormat="YYYY-MM-DD"
          clearable
          value={get('to') ?? null}
          onChange={(v) => setFilter('to', v)}
          w={150}
        />
        <TextInput
          label="Search changes"
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            searchChanges(e.currentTarget.value);
          }}
          w={220}
        />
      </Group>
      {get('entityId') && (
        <Group gap="xs">
          <Text size="sm">One record only: {get('entityId')}</Text>
          <Anchor size="sm" component="button" onClick={() => setFilter('entityId', null)}>
            Show all
          </Anchor>
        </Group>
      )}
      <Table.ScrollContainer minWidth={900}>
        <Table striped aria-label="Audit events" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Actor</Table.Th>
              <Table.Th>Action</Table.Th>
              <Table.Th>Record</Table.Th>
              <Table.Th>Changes</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {events.data?.items.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{new Date(e.at).toLocaleString()}</Table.Td>
                <Table.Td>{actors.name(e.actorId)}</Table.Td>
                <Table.Td>
                  <Badge color={ACTION_COLOR[e.action]} variant="light" miw="max-content">
                    {ACTION_LABEL[e.action]}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <RecordCell
                    event={e}
                    onOnly={get('entityId') ? undefined : (id) => setFilter('entityId', id)}
                  />
                </Table.Td>
                <Table.Td>
                  <Changes event={e} names={names} />
                </Table.Td>
              </Table.Tr>
            ))}
            {events.isSuccess && !events.data.items.length && (
              <EmptyRow columns={5}>No events match.</EmptyRow>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <PagedFooter
        label={<>{total} event(s)</>}
        total={total}
        pageSize={PAGE_SIZE}
        page={page}
        onPage={(p) =>
          setParams((s) => {
            s.set('page', String(p));
            return s;
          })
        }
      />
      {FILTERS.some((k) => params.has(k)) && (
        <Anchor
          size="sm"
          component="button"
          onClick={() => {
            setQ('');
            setParams({}, { replace: true });
          }}
        >
          Clear all filters
        </Anchor>
      )}
    </Stack>
  );
}

/** Display names of actors: every user for an admin, who may list them; others know only themselves. */
function useActorNames() {
  const { me } = useAuth();
  const users = useQuery({
    queryKey: ['users', 'all'],
    enabled: canAdmin.users(me?.role),
    // the OpenAPI document leaves the users list untyped; its items are UserDto
    queryFn: () =>
      getJson<ListPage<Schemas['UserDto']>>('/api/v1/users', { pageSize: 500, sort: 'displayName' }),
    staleTime: 5 * 60_000,
  });
  const known = users.data?.items ?? (me ? [me] : []);
  const names = new Map(known.map((u) => [u.id, u.displayName]));
  return {
    // emails tell apart two users of one name
    options: known.map((u) => ({ value: u.id, label: `${u.displayName} <${u.email}>` })),
    name: (id: string | null) => (id === null ? 'system' : (names.get(id) ?? `user ${id.slice(0, 8)}`)),
  };
}

type ReferenceNames = (entity: Entity, field: string, value: unknown) => string | undefined;

/** Names for the catalog ids an event holds, from the lookups the forms already load. */
function useReferenceNames(): ReferenceNames {
  const ou = flattenTree(useOrgUnitTree().data);
  const loc = flattenTree(useLocationTree().data);
  const software = nameMap(useSoftware().data?.items);
  const categories = nameMap(useCategories().data?.items);
  const orgs = nameMap(useOrganizations().data?.items);
  const byField: Record<string, Map<string, string>> = {
    orgUnitId: ou,
    locationId: loc,
    locationStructureId: loc,
    softwareId: software,
    categoryId: categories,
    organizationId: orgs,
    supplierId: orgs,
    publisherId: orgs,
  };
  return (entity, field, value) => {
    if (typeof value !== 'string') return undefined;
    const map =
      field === 'parentId'
        ? entity === 'location'
          ? loc
          : entity === 'org_unit'
            ? ou
            : undefined
        : byField[field];
    return map?.get(value);
  };
}

function recordName(e: AuditEvent): string | undefined {
  const r = (e.after ?? e.before ?? {}) as Record<string, unknown>;
  const person = r.firstName || r.lastName ? `${r.firstName ?? ''} ${r.lastName ?? ''}`.trim() : undefined;
  const name = r.name ?? person ?? r.displayName ?? r.email ?? r.inventoryNumber;
  return typeof name === 'string' ? name : undefined;
}

function RecordCell({ event: e, onOnly }: { event: AuditEvent; onOnly?: (id: string) => void }) {
  const id = e.entityId;
  // an update holds only the changed fields, often without the name
  const name = recordName(e) ?? (id ? `#${id.slice(0, 8)}` : undefined);
  const path = DETAIL_PATH[e.entity];
  return (
    <Stack gap={0} align="flex-start">
      <Text size="sm">
        {ENTITY_LABEL[e.entity]}
        {name && ': '}
        {name && path && id && e.action !== 'delete' ? (
          <Anchor component={Link} to={`${path}/${id}`} size="sm">
            {name}
          </Anchor>
        ) : (
          name
        )}
      </Text>
      {id && onOnly && (
        <Anchor size="xs" c="dimmed" component="button" onClick={() => onOnly(id)}>
          all events of this record
        </Anchor>
      )}
    </Stack>
  );
}

// "orgUnitId" reads "org unit": ids are shown by name where the lookups know them
const fieldLabel = (k: string) =>
  k
    .replace(/Id$/, '')
    .replace(/([A-Z])/g, ' $1')
    .toLowerCase();

function formatValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}…` : s;
}

/** An update as "field: before → after"; a created or deleted record as its fields. */
function Changes({ event: e, names }: { event: AuditEvent; names: ReferenceNames }) {
  const before = e.before ?? {};
  const after = e.after ?? {};
  const show = (field: string, v: unknown) => names(e.entity, field, v) ?? formatValue(v);
  const lines =
    e.action === 'update'
      ? [...new Set([...Object.keys(before), ...Object.keys(after)])]
          .filter((k) => k !== 'updatedAt')
          .map((k) => ({ k, text: `${show(k, before[k])} → ${show(k, after[k])}` }))
      : Object.entries(e.after ?? e.before ?? {})
          .filter(([k]) => !SILENT_FIELDS.has(k))
          .map(([k, v]) => ({ k, text: show(k, v) }));
  if (!lines.length)
    return (
      <Text size="xs" c="dimmed">
        —
      </Text>
    );
  return (
    <Spoiler maxHeight={66} showLabel="Show all" hideLabel="Show less" fz="xs">
      {lines.map(({ k, text }) => (
        <Text key={k} size="xs">
          <Text span size="xs" fw={600}>
            {fieldLabel(k)}
          </Text>
          : {text}
        </Text>
      ))}
    </Spoiler>
  );
}
