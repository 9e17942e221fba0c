import type { ReactNode } from 'react';
import { SimpleGrid, Text } from '@mantine/core';
import { METRIC_LABEL, SeatsBar } from '../../components/common';
import {
  categoryLookup,
  flattenTree,
  organizationLookup,
  softwareLookup,
  useLocationTree,
  useLookupNames,
  useOrgUnitTree,
} from '../../lookups';
import type { LicenseTabProps } from './shared';

const anyOrganization = organizationLookup(['internal', 'supplier', 'manufacturer']);

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children ?? '—'}
      </Text>
    </div>
  );
}

/** Every field of the license, its references by name. */
export function DetailsTab({ license: l }: LicenseTabProps) {
  const sw = useLookupNames(softwareLookup, [l.softwareId]);
  const cat = useLookupNames(categoryLookup, [l.categoryId]);
  const org = useLookupNames(anyOrganization, [l.organizationId, l.supplierId]);
  const ou = flattenTree(useOrgUnitTree().data);
  const loc = flattenTree(useLocationTree().data);
  const n = (m: Map<string, string>, id: string | null) => (id ? (m.get(id) ?? id) : null);
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
      <Field label="Software">{n(sw, l.softwareId)}</Field>
      <Field label="License type">{n(cat, l.categoryId)}</Field>
      <Field label="Organization">{n(org, l.organizationId)}</Field>
      <Field label="Organizational structure">{n(ou, l.orgUnitId)}</Field>
      <Field label="Location structure">{n(loc, l.locationStructureId)}</Field>
      <Field label="Location">{n(loc, l.locationId)}</Field>
      <Field label="Serial number">{l.serialNumber}</Field>
      <Field label="Inventory number">{l.inventoryNumber}</Field>
      <Field label="Supplier">{n(org, l.supplierId)}</Field>
      <Field label="Expiration date">{l.expirationDate}</Field>
      <Field label="Support date">{l.supportDate}</Field>
      <Field label="Purchase date">{l.purchaseDate}</Field>
      <Field label="Invoice number">{l.invoiceNumber}</Field>
      <Field label="Net unit price">
        {l.netUnitPrice} {l.currency}
      </Field>
      <Field label="VAT %">{l.vatRate}</Field>
      <Field label="Gross unit price">
        {l.grossUnitPrice} {l.currency}
      </Field>
      <Field label="Metric">{METRIC_LABEL[l.metric]}</Field>
      <Field label="Seats">
        <SeatsBar used={l.usedSeats} quantity={l.quantity} />
      </Field>
      <Field label="Max activations per user">{l.maxActivationsPerUser}</Field>
      <Field label="Max activations">{l.maxActivations ?? 'unlimited'}</Field>
      <Field label="Max device resets">{l.maxDeviceResets ?? 'unlimited'}</Field>
      <Field label="Notes">{l.notes}</Field>
    </SimpleGrid>
  );
}
