import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  PasswordInput,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
  TreeSelect,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { api, getJson, unwrap, type Role, type Schemas } from '../api/client';
import { useAuth } from '../auth';
import { RecordList, type ListPage, type RecordDef } from '../components/RecordList';
import { ROLE_LABEL } from '../components/Shell';
import { useRecordSave } from '../components/useRecordSave';
import { flattenTree, toTreeData, useOrgUnitTree } from '../lookups';
import { FormActions } from '../components/common';

type User = Schemas['UserDto'];
type UserValues = {
  email: string;
  displayName: string;
  role: Role;
  orgUnitId: string | null;
  password: string;
};

const ROLES = (Object.keys(ROLE_LABEL) as Role[]).map((value) => ({ value, label: ROLE_LABEL[value] }));
const PASSWORD_HINT = 'At least 12 characters';

/** User accounts (admins only): roles, the department head's org unit, passwords. */
export function UsersPage() {
  const { me } = useAuth();
  const ouTree = useOrgUnitTree();
  const ou = flattenTree(ouTree.data);
  const [role, setRole] = useState<string | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);

  const def: RecordDef<User, UserValues> = {
    queryKey: 'users',
    noun: 'user',
    plural: 'Users',
    defaultSort: 'email',
    columns: [
      {
        header: 'Email',
        sortField: 'email',
        render: (u) => (
          <Group gap={6} wrap="nowrap">
            {u.email}
            {u.id === me?.id && (
              <Badge size="xs" variant="outline">
                you
              </Badge>
            )}
          </Group>
        ),
      },
      { header: 'Display name', sortField: 'displayName', render: (u) => u.displayName },
      {
        header: 'Role',
        sortField: 'role',
        render: (u) => (
          <Badge variant="light" miw="max-content">
            {ROLE_LABEL[u.role]}
          </Badge>
        ),
      },
      { header: 'Org unit', render: (u) => (u.orgUnitId && ou.get(u.orgUnitId)) || '—' },
    ],
    label: (u) => u.email,
    // the OpenAPI document leaves this answer untyped; its items are UserDto
    list: (query, filters) => getJson<ListPage<User>>('/api/v1/users', { ...query, ...filters }),
    values: (u) => ({
      email: u?.email ?? '',
      displayName: u?.displayName ?? '',
      role: u?.role ?? 'asset_manager',
      orgUnitId: u?.orgUnitId ?? null,
      password: '',
    }),
    validate: {
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'A valid email address'),
      displayName: (v) => (v.trim() ? null : 'Display name is required'),
      // the same rule and words as the API, so it is said before the round trip
      orgUnitId: (v, values) =>
        values.role === 'department_head' && !v ? 'A department head needs an org unit.' : null,
    },
    fields: (form, u) => (
      <>
        <TextInput label="Email" type="email" required data-autofocus {...form.getInputProps('email')} />
        <TextInput label="Display name" required {...form.getInputProps('displayName')} />
        <Select label="Role" required allowDeselect={false} data={ROLES} {...form.getInputProps('role')} />
        <TreeSelect
          label="Org unit"
          required={form.values.role === 'department_head'}
          clearable
          searchable
          defaultExpandAll
          description="A department head acts inside this unit and below it"
          data={toTreeData(ouTree.data)}
          {...form.getInputProps('orgUnitId')}
        />
        {/* the length rule is the API's: its message shows at the field */}
        {!u && (
          <PasswordInput
            label="Password"
            required
            description={PASSWORD_HINT}
            autoComplete="new-password"
            {...form.getInputProps('password')}
          />
        )}
      </>
    ),
    save: async (v, u) => {
      const fields = {
        email: v.email.trim(),
        displayName: v.displayName.trim(),
        role: v.role,
        orgUnitId: v.orgUnitId,
      };
      return u
        ? unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id: u.id } }, body: fields }))
        : ((await unwrap(api.POST('/api/v1/users', { body: { ...fields, password: v.password } }))) as User);
    },
    remove: (u) => unwrap(api.DELETE('/api/v1/users/{id}', { params: { path: { id: u.id } } })),
    deleteNote: (u) => (
      <Text size="sm">{u.displayName} can no longer log in. What they did stays in the audit trail.</Text>
    ),
  };

  return (
    <Stack>
      <Title order={2}>Users</Title>
      <RecordList
        def={def}
        filters={<Select label="Role" clearable data={ROLES} value={role} onChange={setRole} w={180} />}
        filterQuery={{ role: role ?? undefined }}
        rowActions={(u) => (
          <Button
            size="compact-sm"
            variant="subtle"
            aria-label={`Reset password of ${u.email}`}
            onClick={() => setResetting(u)}
          >
            Reset password
          </Button>
        )}
      />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </Stack>
  );
}

function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const form = useForm({ initialValues: { password: '' } });
  const { formError, save } = useRecordSave({
    form,
    opened: !!user,
    initial: { password: '' },
    recordId: user?.id,
    queryKey: 'users',
    saved: 'Password has been reset',
    onClose,
    write: ({ password }) =>
      unwrap(
        api.PATCH('/api/v1/users/{id}', { params: { path: { id: user?.id ?? '' } }, body: { password } }),
      ),
  });
  return (
    <Modal opened={!!user} onClose={onClose} title={`Reset password of ${user?.displayName ?? ''}`}>
      <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
        <Stack>
          {formError && (
            <Alert color="red" role="alert" title="Not saved">
              {formError}
            </Alert>
          )}
          <PasswordInput
            label="New password"
            required
            data-autofocus
            description={PASSWORD_HINT}
            autoComplete="new-password"
            {...form.getInputProps('password')}
          />
          <FormActions onCancel={onClose} saving={save.isPending} submit="Reset password" />
        </Stack>
      </form>
    </Modal>
  );
}
