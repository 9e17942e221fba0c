import { Navigate, useNavigate, useParams } from 'react-router-dom';
import { Badge, Select, Stack, Tabs, Text, TextInput, Title, TreeSelect } from '@mantine/core';
import { api, unwrap, type Schemas } from '../api/client';
import { CatalogTree, type CatalogNode } from '../components/CatalogTree';
import { RecordList, type RecordDef } from '../components/RecordList';
import {
  flattenTree,
  nameMap,
  toTreeData,
  useLocationTree,
  useOrganizations,
  useOrgUnitTree,
} from '../lookups';

type Software = Schemas['SoftwareDto'];
type Category = Schemas['LicenseCategoryDto'];
type Organization = Schemas['OrganizationDto'];
type OrgUnit = Schemas['OrgUnitDto'];
type Location = Schemas['LocationDto'];

const required = (label: string) => (v: unknown) => (String(v ?? '').trim() ? null : `${label} is required`);
const textOrNull = (v: string) => v.trim() || null;

const IN_USE_NOTE = (
  <Text size="sm">This cannot be undone, and is refused while other records still point to it.</Text>
);

const ORGANIZATION_KINDS: { value: Organization['kind']; label: string }[] = [
  { value: 'internal', label: 'Internal' },
  { value: 'supplier', label: 'Supplier' },
  { value: 'manufacturer', label: 'Manufacturer' },
];

/** The tree without `id` and what is below it: a node cannot move under itself. */
function withoutSubtree<N extends CatalogNode>(nodes: N[] | undefined, id: string | undefined): N[] {
  return (nodes ?? [])
    .filter((n) => n.id !== id)
    .map((n) => ({ ...n, children: withoutSubtree(n.children as N[], id) }));
}

function useOrganizationOptions() {
  const items = useOrganizations().data?.items;
  return { names: nameMap(items), options: (items ?? []).map((o) => ({ value: o.id, label: o.name })) };
}

function SoftwareCatalog() {
  const orgs = useOrganizationOptions();
  const def: RecordDef<Software, { name: string; publisherId: string | null; version: string }> = {
    queryKey: 'software',
    noun: 'software',
    plural: 'Software',
    defaultSort: 'name',
    columns: [
      { header: 'Name', sortField: 'name', render: (s) => s.name },
      { header: 'Version', sortField: 'version', render: (s) => s.version ?? '—' },
      { header: 'Publisher', render: (s) => (s.publisherId && orgs.names.get(s.publisherId)) || '—' },
    ],
    label: (s) => (s.version ? `${s.name} ${s.version}` : s.name),
    list: (query) => unwrap(api.GET('/api/v1/software', { params: { query } })),
    values: (s) => ({ name: s?.name ?? '', publisherId: s?.publisherId ?? null, version: s?.version ?? '' }),
    validate: { name: required('Name') },
    fields: (form) => (
      <>
        <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
        <Select
          label="Publisher"
          searchable
          clearable
          data={orgs.options}
          {...form.getInputProps('publisherId')}
        />
        <TextInput label="Version" {...form.getInputProps('version')} />
      </>
    ),
    save: (v, s) => {
      const body = { name: v.name.trim(), publisherId: v.publisherId, version: textOrNull(v.version) };
      return s
        ? unwrap(api.PATCH('/api/v1/software/{id}', { params: { path: { id: s.id } }, body }))
        : unwrap(api.POST('/api/v1/software', { body }));
    },
    remove: (s) => unwrap(api.DELETE('/api/v1/software/{id}', { params: { path: { id: s.id } } })),
    deleteNote: () => IN_USE_NOTE,
  };
  return <RecordList def={def} />;
}

function CategoriesCatalog() {
  const def: RecordDef<Category, { name: string }> = {
    // the key the license form's category picker reads
    queryKey: 'categories',
    noun: 'license category',
    plural: 'License categories',
    defaultSort: 'name',
    columns: [{ header: 'Name', sortField: 'name', render: (c) => c.name }],
    label: (c) => c.name,
    list: (query) => unwrap(api.GET('/api/v1/license-categories', { params: { query } })),
    values: (c) => ({ name: c?.name ?? '' }),
    validate: { name: required('Name') },
    fields: (form) => <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />,
    save: (v, c) => {
      const body = { name: v.name.trim() };
      return c
        ? unwrap(api.PATCH('/api/v1/license-categories/{id}', { params: { path: { id: c.id } }, body }))
        : unwrap(api.POST('/api/v1/license-categories', { body }));
    },
    remove: (c) => unwrap(api.DELETE('/api/v1/license-categories/{id}', { params: { path: { id: c.id } } })),
    deleteNote: () => IN_USE_NOTE,
  };
  return <RecordList def={def} />;
}

function OrganizationsCatalog() {
  const def: RecordDef<Organization, { name: string; kind: Organization['kind'] }> = {
    queryKey: 'organizations',
    noun: 'organization',
    plural: 'Organizations',
    defaultSort: 'name',
    columns: [
      { header: 'Name', sortField: 'name', render: (o) => o.name },
      {
        header: 'Kind',
        sortField: 'kind',
        render: (o) => (
          <Badge variant="light" color={o.kind === 'internal' ? 'indigo' : 'gray'}>
            {ORGANIZATION_KINDS.find((k) => k.value === o.kind)?.label ?? o.kind}
          </Badge>
        ),
      },
    ],
    label: (o) => o.name,
    list: (query) => unwrap(api.GET('/api/v1/organizations', { params: { query } })),
    values: (o) => ({ name: o?.name ?? '', kind: o?.kind ?? 'supplier' }),
    validate: { name: required('Name') },
    fields: (form) => (
      <>
        <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
        <Select
          label="Kind"
          required
          allowDeselect={false}
          data={ORGANIZATION_KINDS}
          description="Internal organizations own licenses; suppliers and manufacturers sell or make software."
          {...form.getInputProps('kind')}
        />
      </>
    ),
    save: (v, o) => {
      const body = { name: v.name.trim(), kind: v.kind };
      return o
        ? unwrap(api.PATCH('/api/v1/organizations/{id}', { params: { path: { id: o.id } }, body }))
        : unwrap(api.POST('/api/v1/organizations', { body }));
    },
    remove: (o) => unwrap(api.DELETE('/api/v1/organizations/{id}', { params: { path: { id: o.id } } })),
    deleteNote: () => IN_USE_NOTE,
  };
  return <RecordList def={def} />;
}

function OrgUnitsCatalog() {
  const tree = useOrgUnitTree();
  const names = flattenTree(tree.data);
  const orgs = useOrganizationOptions();
  const def: RecordDef<
    OrgUnit,
    { name: string; code: string; parentId: string | null; organizationId: string | null }
  > = {
    // the key of the org-unit pickers and tree everywhere
    queryKey: 'org-units',
    noun: 'org unit',
    plural: 'Org units',
    defaultSort: 'name',
    columns: [
      { header: 'Name', sortField: 'name', render: (u) => u.name },
      { header: 'Code', sortField: 'code', render: (u) => u.code },
      { header: 'Parent', render: (u) => (u.parentId && names.get(u.parentId)) || '—' },
      {
        header: 'Organization',
        render: (u) => (u.organizationId && orgs.names.get(u.organizationId)) || '—',
      },
    ],
    label: (u) => u.name,
    list: (query) => unwrap(api.GET('/api/v1/org-units', { params: { query } })),
    values: (u, parentId) => ({
      name: u?.name ?? '',
      code: u?.code ?? '',
      parentId: u ? u.parentId : (parentId ?? null),
      organizationId: u?.organizationId ?? null,
    }),
    validate: { name: required('Name'), code: required('Code') },
    fields: (form, u) => (
      <>
        <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
        <TextInput
          label="Code"
          required
          description="Unique over all org units"
          {...form.getInputProps('code')}
        />
        <TreeSelect
          label="Parent"
          clearable
          searchable
          defaultExpandAll
          description="Empty for a top-level unit"
          data={toTreeData(withoutSubtree(tree.data, u?.id))}
          {...form.getInputProps('parentId')}
        />
        <Select
          label="Organization"
          searchable
          clearable
          data={orgs.options}
          description={u ? undefined : "Left empty under a parent, the parent's organization is used"}
          {...form.getInputProps('organizationId')}
        />
      </>
    ),
    save: (v, u) => {
      const body = {
        name: v.name.trim(),
        code: v.code.trim(),
        parentId: v.parentId,
        organizationId: v.organizationId,
      };
      return u
        ? unwrap(api.PATCH('/api/v1/org-units/{id}', { params: { path: { id: u.id } }, body }))
        : unwrap(api.POST('/api/v1/org-units', { body }));
    },
    remove: (u) => unwrap(api.DELETE('/api/v1/org-units/{id}', { params: { path: { id: u.id } } })),
    deleteNote: () => IN_USE_NOTE,
  };
  return (
    <RecordList
      def={def}
      treeView={(actions) => (
        <CatalogTree
          ariaLabel="Org units"
          nodes={tree.data}
          loading={tree.isLoading}
          actions={actions}
          label={(u) => {
            const org = u.organizationId && orgs.names.get(u.organizationId);
            return `${u.name} (${u.code})${org ? ` · ${org}` : ''}`;
          }}
        />
      )}
    />
  );
}

function LocationsCatalog() {
  const tree = useLocationTree();
  const names = flattenTree(tree.data);
  const def: RecordDef<Location, { name: string; parentId: string | null }> = {
    queryKey: 'locations',
    noun: 'location',
    plural: 'Locations',
    defaultSort: 'name',
    columns: [
      { header: 'Name', sortField: 'name', render: (l) => l.name },
      { header: 'Parent', render: (l) => (l.parentId && names.get(l.parentId)) || '—' },
    ],
    label: (l) => l.name,
    list: (query) => unwrap(api.GET('/api/v1/locations', { params: { query } })),
    values: (l, parentId) => ({ name: l?.name ?? '', parentId: l ? l.parentId : (parentId ?? null) }),
    validate: { name: required('Name') },
    fields: (form, l) => (
      <>
        <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
        <TreeSelect
          label="Parent"
          clearable
          searchable
          defaultExpandAll
          description="Empty for a top-level location (a country, say)"
          data={toTreeData(withoutSubtree(tree.data, l?.id))}
          {...form.getInputProps('parentId')}
        />
      </>
    ),
    save: (v, l) => {
      const body = { name: v.name.trim(), parentId: v.parentId };
      return l
        ? unwrap(api.PATCH('/api/v1/locations/{id}', { params: { path: { id: l.id } }, body }))
        : unwrap(api.POST('/api/v1/locations', { body }));
    },
    remove: (l) => unwrap(api.DELETE('/api/v1/locations/{id}', { params: { path: { id: l.id } } })),
    deleteNote: () => IN_USE_NOTE,
  };
  return (
    <RecordList
      def={def}
      treeView={(actions) => (
        <CatalogTree
          ariaLabel="Locations"
          nodes={tree.data}
          loading={tree.isLoading}
          actions={actions}
          label={(l) => l.name}
        />
      )}
    />
  );
}

const CATALOGS = [
  { value: 'software', label: 'Software', Catalog: SoftwareCatalog },
  { value: 'license-categories', label: 'License categories', Catalog: CategoriesCatalog },
  { value: 'organizations', label: 'Organizations', Catalog: OrganizationsCatalog },
  { value: 'org-units', label: 'Org units', Catalog: OrgUnitsCatalog },
  { value: 'locations', label: 'Locations', Catalog: LocationsCatalog },
];

/** The catalogs licenses, persons and assets point into; one tab each, the tab in the URL. */
export function CatalogsPage() {
  const { catalog } = useParams();
  const navigate = useNavigate();
  if (!CATALOGS.some((c) => c.value === catalog)) return <Navigate to="/catalogs/software" replace />;
  return (
    <Stack>
      <Title order={2}>Catalogs</Title>
      <Tabs value={catalog} onChange={(v) => navigate(`/catalogs/${v}`)} keepMounted={false}>
        <Tabs.List>
          {CATALOGS.map((c) => (
            <Tabs.Tab key={c.value} value={c.value}>
              {c.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {CATALOGS.map(({ value, Catalog }) => (
          <Tabs.Panel key={value} value={value} pt="md">
            <Catalog />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
