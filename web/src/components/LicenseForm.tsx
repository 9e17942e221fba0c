import { useEffect, useState } from 'react';
import {
  Alert,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type License, type Schemas } from '../api/client';
import { isFinancialField, type LicenseField } from '../api/licenseFields';
import { useAuth } from '../auth';
import { notifyOk } from '../errors';
import { grossOf } from '../money';
import {
  categoryLookup,
  organizationLookup,
  softwareLookup,
  useLocationTree,
  useOrgUnitTree,
} from '../lookups';
import { FormActions, LookupSelect, TreePicker } from './common';
import { fieldErrorsOf } from './formErrors';
import { NewLicenseKeys, NO_KEY, type NewKey } from './NewLicenseKeys';

type Values = {
  name: string;
  categoryId: string | null;
  softwareId: string | null;
  organizationId: string | null;
  orgUnitId: string | null;
  locationStructureId: string | null;
  locationId: string | null;
  serialNumber: string;
  inventoryNumber: string;
  supplierId: string | null;
  expirationDate: string | null;
  supportDate: string | null;
  purchaseDate: string | null;
  invoiceNumber: string;
  netUnitPrice: string;
  vatRate: string;
  currency: string;
  metric: License['metric'];
  quantity: number | string;
  maxActivationsPerUser: number | string;
  maxActivations: number | string;
  maxDeviceResets: number | string;
  notes: string;
};

/** The 409s refusing a change below what is in use, each about one field. */
const IN_USE_FIELD = {
  QUANTITY_BELOW_USE: 'quantity',
  METRIC_IN_USE: 'metric',
  ACTIVATIONS_BELOW_USE: 'maxActivations',
  RESETS_BELOW_USE: 'maxDeviceResets',
};
const DATE_INPUT = { valueFormat: 'YYYY-MM-DD', clearable: true } as const;
const owners = organizationLookup(['internal']);
const suppliers = organizationLookup(['supplier', 'manufacturer']);

function initial(l?: License): Values {
  return {
    name: l?.name ?? '',
    categoryId: l?.categoryId ?? null,
    softwareId: l?.softwareId ?? null,
    organizationId: l?.organizationId ?? null,
    orgUnitId: l?.orgUnitId ?? null,
    locationStructureId: l?.locationStructureId ?? null,
    locationId: l?.locationId ?? null,
    serialNumber: l?.serialNumber ?? '',
    inventoryNumber: l?.inventoryNumber ?? '',
    supplierId: l?.supplierId ?? null,
    expirationDate: l?.expirationDate ?? null,
    supportDate: l?.supportDate ?? null,
    purchaseDate: l?.purchaseDate ?? null,
    invoiceNumber: l?.invoiceNumber ?? '',
    netUnitPrice: l?.netUnitPrice ?? '0.00',
    vatRate: l?.vatRate ?? '19',
    currency: l?.currency ?? 'EUR',
    metric: l?.metric ?? 'per_user',
    quantity: l?.quantity ?? 1,
    maxActivationsPerUser: l?.maxActivationsPerUser ?? 1,
    maxActivations: l?.maxActivations ?? '',
    maxDeviceResets: l?.maxDeviceResets ?? '',
    notes: l?.notes ?? '',
  };
}

const str = (s: string) => (s.trim() === '' ? null : s.trim());
const num = (v: number | string) => (v === '' || v === null ? null : Number(v));

function toBody(v: Values): Schemas['CreateLicenseDto'] {
  return {
    name: v.name.trim(),
    categoryId: v.categoryId,
    softwareId: v.softwareId,
    organizationId: v.organizationId,
    orgUnitId: v.orgUnitId,
    locationStructureId: v.locationStructureId,
    locationId: v.locationId,
    serialNumber: str(v.serialNumber),
    inventoryNumber: str(v.inventoryNumber),
    supplierId: v.supplierId,
    expirationDate: v.expirationDate,
    supportDate: v.supportDate,
    purchaseDate: v.purchaseDate,
    invoiceNumber: str(v.invoiceNumber),
    currency: v.currency.trim().toUpperCase(),
    netUnitPrice: v.netUnitPrice.trim().replace(',', '.'),
    vatRate: v.vatRate.trim().replace(',', '.'),
    metric: v.metric,
    quantity: Number(v.quantity),
    maxActivationsPerUser: Number(v.maxActivationsPerUser),
    maxActivations: num(v.maxActivations),
    maxDeviceResets: num(v.maxDeviceResets),
    notes: str(v.notes),
  };
}

/** A key the API refused after the license itself was saved, with the keys not sent yet. */
class KeyRefused extends Error {
  constructor(
    readonly refusal: unknown,
    readonly unsent: NewKey[],
  ) {
    super(refusal instanceof Error ? refusal.message : String(refusal));
  }
}

export function LicenseFormModal({
  opened,
  onClose,
  license,
  onSaved,
}: {
  opened: boolean;
  onClose: () => void;
  license?: License;
  onSaved?: (l: License) => void;
}) {
  const { me } = useAuth();
  const qc = useQueryClient();
  // The license being edited: the one given, or the one this window created, so that a
  // Save after a refused key changes that license instead of creating a second one.
  const [created, setCreated] = useState<License | null>(null);
  const current = license ?? created;
  const financeOnly = me?.role === 'finance';
  const [tab, setTab] = useState<string | null>('basic');
  const [keys, setKeys] = useState<NewKey[]>([]);
  const [newKey, setNewKey] = useState<NewKey>(NO_KEY);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: initial(license),
    validate: {
      name: (v) => (v.trim() ? null : 'Name is required'),
      quantity: (v) => (v === '' || Number(v) < 0 ? 'Quantity must be 0 or more' : null),
      currency: (v) => (/^[A-Za-z]{3}$/.test(v.trim()) ? null : 'Three-letter currency code'),
      netUnitPrice: (v) => (grossOf(v, '0') === null ? 'A decimal amount such as 99.90' : null),
      vatRate: (v) => (grossOf('0', v) === null ? 'A percentage such as 19' : null),
    },
  });

  // a fresh form each time the window opens (or shows another license), not on every render
  useEffect(() => {
    if (opened) {
      form.setValues(initial(license));
      form.resetDirty(initial(license));
      form.clearErrors();
      setCreated(null);
      setKeys([]);
      setNewKey(NO_KEY);
      setFormError(null);
      setTab('basic');
    }
  }, [opened, license?.id]);

  const ouTree = useOrgUnitTree();
  const locTree = useLocationTree();

  const save = useMutation({
    // refusals show in the window, at their fields
    meta: { silent: true },
    mutationFn: async (v: Values) => {
      const body = toBody(v);
      let saved: License;
      if (current) {
        const dirty = Object.fromEntries(
          Object.entries(body).filter(([k]) => form.isDirty(k as keyof Values)),
        ) as Schemas['UpdateLicenseDto'];
        saved = Object.keys(dirty).length
          ? ((await unwrap(
              api.PATCH('/api/v1/licenses/{id}', { params: { path: { id: current.id } }, body: dirty }),
            )) as License)
          : current;
      } else {
        saved = (await unwrap(api.POST('/api/v1/licenses', { body }))) as License;
        setCreated(saved);
      }
      form.resetDirty(v);
      const unsent = newKey.key.trim() ? [...keys, newKey] : [...keys];
      while (unsent.length) {
        const k = unsent[0];
        try {
          await unwrap(
            api.POST('/api/v1/licenses/{id}/keys', {
              params: { path: { id: saved.id } },
              body: { key: k.key.trim(), note: str(k.note) },
            }),
          );
        } catch (e) {
          throw new KeyRefused(e, unsent);
        }
        unsent.shift();
      }
      return saved;
    },
    onSuccess: (saved) => {
      qc.invalidateQueries({ queryKey: ['licenses'] });
      qc.invalidateQueries({ queryKey: ['license', saved.id] });
      qc.invalidateQueries({ queryKey: ['keys', saved.id] });
      notifyOk(current ? 'License saved' : 'License has been added to the list');
      onClose();
      onSaved?.(saved);
    },
    onError: (err) => {
      if (err instanceof KeyRefused) {
        // The license is saved: the refused key goes back into the key field with the
        // API's words (`details.key`), the keys after it stay listed.
        qc.invalidateQueries({ queryKey: ['licenses'] });
        const [refused, ...rest] = err.unsent;
        const { fields, message } = fieldErrorsOf(err.refusal);
        setNewKey(refused);
        setKeys(rest);
        form.setFieldError('keys', fields.key ?? fields.note ?? message);
        setFormError(`The license is saved, but a key was refused: ${message}`);
        setTab('keys');
        return;
      }
      const { fields, message } = fieldErrorsOf(err, IN_USE_FIELD);
      form.setErrors(fields);
      if (Object.keys(fields).length) setTab('basic');
      setFormError(message);
    },
  });

  /** A form field's input props; for finance, disabled unless it is a financial field. */
  const field = (name: LicenseField) => ({
    ...form.getInputProps(name),
    disabled: financeOnly && !isFinancialField(name),
  });
  const gross = grossOf(form.values.netUnitPrice, form.values.vatRate);

  return (
    <Modal opened={opened} onClose={onClose} title={current ? 'Edit license' : 'New license'} size="xl">
      <form
        onSubmit={form.onSubmit(
          (v) => save.mutate(v),
          () => setTab('basic'),
        )}
        noValidate
      >
        <Stack>
          {formError && (
            <Alert color="red" role="alert" title="Not saved">
              {formError}
            </Alert>
          )}
          <Tabs value={tab} onChange={setTab} keepMounted>
            <Tabs.List>
              <Tabs.Tab value="basic">Basic information</Tabs.Tab>
              <Tabs.Tab value="keys">Keys</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="basic" pt="md">
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <TextInput label="Name" required {...field('name')} />
                <LookupSelect
                  lookup={categoryLookup}
                  label="License type (category)"
                  clearable
                  {...field('categoryId')}
                />
                <LookupSelect lookup={softwareLookup} label="Software" clearable {...field('softwareId')} />
                <LookupSelect lookup={owners} label="Organization" clearable {...field('organizationId')} />
                <TreePicker label="Organizational structure" nodes={ouTree.data} {...field('orgUnitId')} />
                <TreePicker
                  label="Location structure"
                  nodes={locTree.data}
                  {...field('locationStructureId')}
                />
                <TreePicker label="Location" nodes={locTree.data} {...field('locationId')} />
                <TextInput label="Serial number" {...field('serialNumber')} />
                <TextInput label="Inventory number" {...field('inventoryNumber')} />
                <LookupSelect
                  lookup={suppliers}
                  label="Manufacturer/Supplier organization"
                  clearable
                  {...field('supplierId')}
                />
                <DateInput label="Expiration date" {...DATE_INPUT} {...field('expirationDate')} />
                <DateInput label="Support date" {...DATE_INPUT} {...field('supportDate')} />
                <DateInput label="Purchase date" {...DATE_INPUT} {...field('purchaseDate')} />
                <TextInput label="Invoice number" {...field('invoiceNumber')} />
                <TextInput label="Net unit price" inputMode="decimal" required {...field('netUnitPrice')} />
                <TextInput label="VAT %" inputMode="decimal" required {...field('vatRate')} />
                <TextInput
                  label="Gross unit price"
                  readOnly
                  value={gross ?? ''}
                  description="Computed from net and VAT"
                  aria-live="polite"
                  data-testid="gross-price"
                />
                <TextInput label="Currency" required maxLength={3} {...field('currency')} />
                <Select
                  label="Metric (per user or per computer)"
                  required
                  allowDeselect={false}
                  data={[
                    { value: 'per_user', label: 'Per user' },
                    { value: 'per_device', label: 'Per device (computer)' },
                  ]}
                  {...field('metric')}
                />
                <NumberInput
                  label="Quantity per user/computer"
                  required
                  min={0}
                  allowDecimal={false}
                  {...field('quantity')}
                />
                <NumberInput
                  label="Max activations per user"
                  min={1}
                  allowDecimal={false}
                  {...field('maxActivationsPerUser')}
                />
                <NumberInput
                  label="Max activations (whole license)"
                  min={0}
                  allowDecimal={false}
                  {...field('maxActivations')}
                />
                <NumberInput
                  label="Max device resets"
                  min={0}
                  allowDecimal={false}
                  {...field('maxDeviceResets')}
                />
              </SimpleGrid>
              <Textarea mt="sm" label="Notes" autosize minRows={2} {...field('notes')} />
            </Tabs.Panel>
            <Tabs.Panel value="keys" pt="md">
              <Stack>
                {financeOnly ? (
                  <Text c="dimmed">Keys are managed by asset managers.</Text>
                ) : (
                  <NewLicenseKeys
                    keys={keys}
                    onKeysChange={setKeys}
                    draft={newKey}
                    onDraftChange={setNewKey}
                    error={form.errors.keys}
                    onEdit={() => form.clearFieldError('keys')}
                  />
                )}
              </Stack>
            </Tabs.Panel>
          </Tabs>
          <FormActions onCancel={onClose} saving={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
