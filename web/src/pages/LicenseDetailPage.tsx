import { useState, type ComponentType } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Anchor, Button, Group, Loader, Stack, Tabs, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type License } from '../api/client';
import { can, useAuth } from '../auth';
import { StatusBadge } from '../components/common';
import { LicenseFormModal } from '../components/LicenseForm';
import { DetailsTab } from './license/DetailsTab';
import { DevicesTab } from './license/DevicesTab';
import { HistoryTab } from './license/HistoryTab';
import { KeysTab } from './license/KeysTab';
import { SeatsTab } from './license/SeatsTab';
import type { LicenseTabProps } from './license/shared';

interface LicenseTab {
  value: string;
  label: string;
  Panel: ComponentType<LicenseTabProps>;
  /** Whether the license has this tab (all have it when absent). */
  shown?: (l: License) => boolean;
}

const TABS: LicenseTab[] = [
  { value: 'details', label: 'Details', Panel: DetailsTab },
  { value: 'seats', label: 'Seats', Panel: SeatsTab },
  { value: 'devices', label: 'Devices', Panel: DevicesTab, shown: (l) => l.metric === 'per_user' },
  { value: 'keys', label: 'Keys', Panel: KeysTab },
  { value: 'history', label: 'History', Panel: HistoryTab },
];

/** One license: its name, status and Edit above, a tab per aspect below (each in ./license/). */
export function LicenseDetailPage() {
  const { id = '' } = useParams();
  const { me } = useAuth();
  const [editing, setEditing] = useState(false);
  const lic = useQuery({
    queryKey: ['license', id],
    queryFn: () => unwrap(api.GET('/api/v1/licenses/{id}', { params: { path: { id } } })) as Promise<License>,
  });
  if (lic.isLoading) return <Loader aria-label="Loading" />;
  if (!lic.data) return <Alert color="red">License not found.</Alert>;
  const l = lic.data;
  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Anchor component={Link} to="/licenses" size="sm">
            ← Licenses
          </Anchor>
          <Title order={2}>{l.name}</Title>
        </div>
        <Group>
          <StatusBadge status={l.status} />
          {can.editLicense(me?.role) && <Button onClick={() => setEditing(true)}>Edit</Button>}
        </Group>
      </Group>
      <Tabs defaultValue="details" keepMounted={false}>
        <Tabs.List>
          {TABS.filter((t) => t.shown?.(l) ?? true).map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {TABS.map(({ value, Panel }) => (
          <Tabs.Panel key={value} value={value} pt="md">
            <Panel license={l} />
          </Tabs.Panel>
        ))}
      </Tabs>
      <LicenseFormModal opened={editing} onClose={() => setEditing(false)} license={l} />
    </Stack>
  );
}
