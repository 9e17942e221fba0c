import { Alert, Modal, SimpleGrid, Stack, Switch, TextInput, TreeSelect } from '@mantine/core';
import { useForm } from '@mantine/form';
import { api, unwrap, type Person, type Schemas } from '../api/client';
import { toTreeData, useLocationTree, useOrgUnitTree } from '../lookups';
import { useRecordSave } from './useRecordSave';
import { FormActions } from './common';

type Values = {
  firstName: string; lastName: string; email: string; employeeNumber: string;
  orgUnitId: string | null; locationId: string | null; active: boolean;
};

const initial = (p?: Person): Values => ({
  firstName: p?.firstName ?? '', lastName: p?.lastName ?? '', email: p?.email ?? '', employeeNumber: p?.employeeNumber ?? '',
  orgUnitId: p?.orgUnitId ?? null, locationId: p?.locationId ?? null, active: p?.active ?? true,
});

export function PersonFormModal({ opened, onClose, person, onSaved }: {
  opened: boolean; onClose: () => void; person?: Person; onSaved?: (p: Person) => void;
}) {
  const ouTree = useOrgUnitTree();
  const locTree = useLocationTree();
  const form = useForm<Values>({
    initialValues: initial(person),
    validate: {
      firstName: (v) => (v.trim() ? null : 'First name is required'),
      lastName: (v) => (v.trim() ? null : 'Last name is required'),
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'A valid email address'),
    },
  });

  const { formError, save } = useRecordSave({
    form,
    opened,
    initial: initial(person),
    recordId: person?.id,
    queryKey: 'persons',
    saved: person ? 'Person saved' : 'Person has been added',
    onClose,
    onSaved,
    write: async (v: Values): Promise<Person> => {
      const body: Schemas['CreatePersonDto'] = {
        firstName: v.firstName.trim(), lastName: v.lastName.trim(), email: v.email.trim(),
        employeeNumber: v.employeeNumber.trim() || null, orgUnitId: v.orgUnitId, locationId: v.locationId, active: v.active,
      };
      if (person)
        return (await unwrap(api.PATCH('/api/v1/persons/{id}', { params: { path: { id: person.id } }, body }))) as Person;
      return (await unwrap(api.POST('/api/v1/persons', { body }))) as Person;
    },
  });

  return (
    <Modal opened={opened} onClose={onClose} title={person ? 'Edit person' : 'New person'} size="lg">
      <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
        <Stack>
          {formError && <Alert color="red" role="alert" title="Not saved">{formError}</Alert>}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label="First name" required {...form.getInputProps('firstName')} />
            <TextInput label="Last name" required {...form.getInputProps('lastName')} />
            <TextInput label="Email" type="email" required {...form.getInputProps('email')} />
            <TextInput label="Employee number" {...form.getInputProps('employeeNumber')} />
            <TreeSelect label="Org unit" clearable searchable defaultExpandAll data={toTreeData(ouTree.data)} {...form.getInputProps('orgUnitId')} />
            <TreeSelect label="Location" clearable searchable defaultExpandAll data={toTreeData(locTree.data)} {...form.getInputProps('locationId')} />
          </SimpleGrid>
          <Switch label="Active" {...form.getInputProps('active', { type: 'checkbox' })} />
          <FormActions onCancel={onClose} saving={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
