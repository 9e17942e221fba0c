import { useState } from 'react';
import { Alert, Modal, Select, SimpleGrid, Stack, TextInput, TreeSelect } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Asset, type Schemas } from '../api/client';
import { toTreeData, useLocationTree, useOrgUnitTree, usePersonNames } from '../lookups';
import { useRecordSave } from './useRecordSave';
import { FormActions } from './common';

export const ASSET_KINDS: { value: Asset['kind']; label: string }[] = [
  { value: 'desktop', label: 'Desktop' }, { value: 'laptop', label: 'Laptop' }, { value: 'server', label: 'Server' },
  { value: 'virtual_machine', label: 'Virtual machine' }, { value: 'mobile', label: 'Mobile' }, { value: 'other', label: 'Other' },
];
export const ASSET_STATUSES: { value: Asset['status']; label: string }[] = [
  { value: 'in_use', label: 'In use' }, { value: 'in_stock', label: 'In stock' }, { value: 'retired', label: 'Retired' },
];

type Values = {
  name: string; inventoryNumber: string; serialNumber: string; kind: Asset['kind']; status: Asset['status'];
  orgUnitId: string | null; locationId: string | null; ownerPersonId: string | null;
};
const initial = (a?: Asset): Values => ({
  name: a?.name ?? '', inventoryNumber: a?.inventoryNumber ?? '', serialNumber: a?.serialNumber ?? '',
  kind: a?.kind ?? 'laptop', status: a?.status ?? 'in_use',
  orgUnitId: a?.orgUnitId ?? null, locationId: a?.locationId ?? null, ownerPersonId: a?.ownerPersonId ?? null,
});

/** A searchable select of persons (server-side search), keeping the chosen person's label. */
function OwnerSelect({ value, onChange, error }: { value: string | null; onChange: (v: string | null) => void; error?: React.ReactNode }) {
  const [search, setSearch] = useState('');
  const [dq] = useDebouncedValue(search, 250);
  const current = usePersonNames([value]);
  const found = useQuery({
    queryKey: ['persons', 'search', dq],
    queryFn: async () => {
      const r = await unwrap(api.GET('/api/v1/persons', { params: { query: { q: dq || undefined, pageSize: 50, sort: 'lastName' } } }));
      return r.items.map((p) => ({ value: p.id, label: `${p.firstName} ${p.lastName} <${p.email}>` }));
    },
  });
  const data = [...new Map([
    ...(value ? [[value, current.get(value) ?? value] as const] : []),
    ...(found.data ?? []).map((o) => [o.value, o.label] as const),
  ])].map(([v, label]) => ({ value: v, label }));
  return (
    <Select label="Owner" clearable searchable data={data} value={value} onChange={onChange} error={error}
      searchValue={search} onSearchChange={setSearch} filter={({ options }) => options}
      nothingFoundMessage={found.isFetching ? 'Searching…' : 'Nothing found'} />
  );
}

export function AssetFormModal({ opened, onClose, asset, onSaved }: {
  opened: boolean; onClose: () => void; asset?: Asset; onSaved?: (a: Asset) => void;
}) {
  const ouTree = useOrgUnitTree();
  const locTree = useLocationTree();
  const form = useForm<Values>({
    initialValues: initial(asset),
    validate: {
      name: (v) => (v.trim() ? null : 'Name is required'),
      inventoryNumber: (v) => (v.trim() ? null : 'Inventory number is required'),
    },
  });

  const { formError, save } = useRecordSave({
    form,
    opened,
    initial: initial(asset),
    recordId: asset?.id,
    queryKey: 'assets',
    saved: asset ? 'Asset saved' : 'Asset has been added',
    onClose,
    onSaved,
    write: async (v: Values): Promise<Asset> => {
      const body: Schemas['CreateAssetDto'] = {
        name: v.name.trim(), inventoryNumber: v.inventoryNumber.trim(), serialNumber: v.serialNumber.trim() || null,
        kind: v.kind, status: v.status, orgUnitId: v.orgUnitId, locationId: v.locationId, ownerPersonId: v.ownerPersonId,
      };
      if (asset) return (await unwrap(api.PATCH('/api/v1/assets/{id}', { params: { path: { id: asset.id } }, body }))) as Asset;
      return (await unwrap(api.POST('/api/v1/assets', { body }))) as Asset;
    },
  });

  return (
    <Modal opened={opened} onClose={onClose} title={asset ? 'Edit asset' : 'New asset'} size="lg">
      <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
        <Stack>
          {formError && <Alert color="red" role="alert" title="Not saved">{formError}</Alert>}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label="Name" required {...form.getInputProps('name')} />
            <TextInput label="Inventory number" required {...form.getInputProps('inventoryNumber')} />
            <TextInput label="Serial number" {...form.getInputProps('serialNumber')} />
            <Select label="Kind" required allowDeselect={false} data={ASSET_KINDS} {...form.getInputProps('kind')} />
            <Select label="Status" required allowDeselect={false} data={ASSET_STATUSES} {...form.getInputProps('status')} />
            <TreeSelect label="Org unit" clearable searchable defaultExpandAll data={toTreeData(ouTree.data)} {...form.getInputProps('orgUnitId')} />
            <TreeSelect label="Location" clearable searchable defaultExpandAll data={toTreeData(locTree.data)} {...form.getInputProps('locationId')} />
            <OwnerSelect value={form.values.ownerPersonId} onChange={(v) => form.setFieldValue('ownerPersonId', v)} error={form.errors.ownerPersonId} />
          </SimpleGrid>
          <FormActions onCancel={onClose} saving={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
