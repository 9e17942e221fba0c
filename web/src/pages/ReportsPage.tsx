import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Anchor, Badge, Button, Group, NumberInput, Paper, Select, Stack, Switch, Table, Tabs, Text, Title } from '@mantine/core';
import { BarChart } from '@mantine/charts';
import { DateInput } from '@mantine/dates';
import { useQuery } from '@tanstack/react-query';
import { download, getJson } from '../api/client';
import { notifyError } from '../errors';
import { StatusBadge } from '../components/common';

// The OpenAPI document leaves report answers untyped; these mirror API.md "Reports".
interface CostRow { group: string; currency: string; licenses: number; seats: number; net: string; vat: string; gross: string }
interface CostReport { rows: CostRow[]; totals?: { currency: string; net: string; vat: string; gross: string }[] }
interface ComplianceRow { licenseId: string; name: string; metric: string; quantity: number; used: number; available: number; status: 'active' | 'expiring' | 'expired'; findings: unknown[] }
interface ExpiringRow { licenseId: string; name: string; dateKind: string; date: string; daysLeft: number; quantity: number; used: number; currency: string; annualGross: string }

export function ReportsPage() {
  return (
    <Stack>
      <Title order={2}>Reports</Title>
      <Tabs defaultValue="costs">
        <Tabs.List>
          <Tabs.Tab value="costs">Costs</Tabs.Tab>
          <Tabs.Tab value="compliance">Compliance</Tabs.Tab>
          <Tabs.Tab value="expiring">Expiring</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="costs" pt="md"><Costs /></Tabs.Panel>
        <Tabs.Panel value="compliance" pt="md"><Compliance /></Tabs.Panel>
        <Tabs.Panel value="expiring" pt="md"><Expiring /></Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function Costs() {
  const [groupBy, setGroupBy] = useState<string>('orgUnit');
  const [view, setView] = useState<string>('owner');
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const params = { groupBy, view, from: from ?? undefined, to: to ?? undefined };
  const rep = useQuery({ queryKey: ['report-costs', params], queryFn: () => getJson<CostReport>('/api/v1/reports/costs', params) });
  const rows = rep.data?.rows ?? [];
  const currencies = [...new Set(rows.map((r) => r.currency))];
  const chart = rows.map((r) => ({ group: `${r.group}${currencies.length > 1 ? ` ${r.currency}` : ''}`, gross: Number(r.gross) }));
  const dl = async (format: 'xlsx' | 'csv') => {
    setBusy(format);
    try {
      await download('/api/v1/reports/costs', { ...params, format }, `costs.${format}`);
    } catch (e) {
      notifyError(e, 'Download failed');
    } finally {
      setBusy(null);
    }
  };
  return (
    <Stack>
      <Group align="flex-end">
        <Select label="Group by" allowDeselect={false} value={groupBy} onChange={(v) => setGroupBy(v ?? 'orgUnit')} w={160}
          data={[{ value: 'orgUnit', label: 'Org unit' }, { value: 'software', label: 'Software' }, { value: 'supplier', label: 'Supplier' }, { value: 'category', label: 'Category' }, { value: 'month', label: 'Purchase month' }]} />
        <Select label="View" allowDeselect={false} value={view} onChange={(v) => setView(v ?? 'owner')} w={180}
          data={[{ value: 'owner', label: 'By owner' }, { value: 'use', label: 'By use (chargeback)' }]} />
        <DateInput label="Purchased from" valueFormat="YYYY-MM-DD" clearable value={from} onChange={setFrom} w={160} />
        <DateInput label="Purchased to" valueFormat="YYYY-MM-DD" clearable value={to} onChange={setTo} w={160} />
        <Button variant="default" loading={busy === 'xlsx'} onClick={() => dl('xlsx')}>Download xlsx</Button>
        <Button variant="default" loading={busy === 'csv'} onClick={() => dl('csv')}>Download csv</Button>
      </Group>
      {chart.length > 0 && (
        <Paper withBorder p="sm">
          <Text size="sm" fw={600} mb="xs">Gross by group</Text>
          <BarChart h={260} data={chart} dataKey="group" series={[{ name: 'gross', color: 'indigo.6', label: 'Gross' }]}
            tickLine="y" xAxisProps={{ tick: false }} />
        </Paper>
      )}
      <Table.ScrollContainer minWidth={700}>
        <Table striped aria-label="Cost report">
          <Table.Thead>
            <Table.Tr><Table.Th>Group</Table.Th><Table.Th>Currency</Table.Th><Table.Th ta="right">Licenses</Table.Th><Table.Th ta="right">Seats</Table.Th><Table.Th ta="right">Net</Table.Th><Table.Th ta="right">VAT</Table.Th><Table.Th ta="right">Gross</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r, i) => (
              <Table.Tr key={i}>
                <Table.Td>{r.group}</Table.Td><Table.Td>{r.currency}</Table.Td><Table.Td ta="right">{r.licenses}</Table.Td><Table.Td ta="right">{r.seats}</Table.Td>
                <Table.Td ta="right">{r.net}</Table.Td><Table.Td ta="right">{r.vat}</Table.Td><Table.Td ta="right">{r.gross}</Table.Td>
              </Table.Tr>
            ))}
            {(rep.data?.totals ?? []).map((t) => (
              <Table.Tr key={`total-${t.currency}`} fw={700}>
                <Table.Td>Total</Table.Td><Table.Td>{t.currency}</Table.Td><Table.Td /><Table.Td />
                <Table.Td ta="right">{t.net}</Table.Td><Table.Td ta="right">{t.vat}</Table.Td><Table.Td ta="right">{t.gross}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function Compliance() {
  const [only, setOnly] = useState(true);
  const rep = useQuery({
    queryKey: ['report-compliance', only],
    queryFn: () => getJson<{ items: ComplianceRow[]; total: number }>('/api/v1/reports/compliance', { onlyFindings: only || undefined, pageSize: 500 }),
  });
  return (
    <Stack>
      <Switch label="Only licenses with findings" checked={only} onChange={(e) => setOnly(e.currentTarget.checked)} />
      <Table.ScrollContainer minWidth={700}>
        <Table striped aria-label="Compliance report">
          <Table.Thead><Table.Tr><Table.Th>License</Table.Th><Table.Th>Metric</Table.Th><Table.Th>Used / quantity</Table.Th><Table.Th>Status</Table.Th><Table.Th>Findings</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {(rep.data?.items ?? []).map((r) => (
              <Table.Tr key={r.licenseId}>
                <Table.Td><Anchor component={Link} to={`/licenses/${r.licenseId}`}>{r.name}</Anchor></Table.Td>
                <Table.Td>{r.metric}</Table.Td>
                <Table.Td>{r.used} / {r.quantity}</Table.Td>
                <Table.Td><StatusBadge status={r.status} /></Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {r.findings.map((f, i) => (
                      <Badge key={i} color="red" variant="light">
                        {typeof f === 'string' ? f : ((f as { code?: string; message?: string }).message ?? (f as { code?: string }).code ?? JSON.stringify(f))}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
            {rep.data?.items.length === 0 && <Table.Tr><Table.Td colSpan={5}><Text c="dimmed">No findings.</Text></Table.Td></Table.Tr>}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function Expiring() {
  const [days, setDays] = useState<number | string>(90);
  const d = typeof days === 'number' ? days : 90;
  const rep = useQuery({
    queryKey: ['report-expiring', d],
    queryFn: () => getJson<{ rows?: ExpiringRow[]; items?: ExpiringRow[] }>('/api/v1/reports/expiring', { days: d }),
  });
  const rows = rep.data?.rows ?? rep.data?.items ?? [];
  return (
    <Stack>
      <NumberInput label="Window (days)" min={1} value={days} onChange={setDays} w={160} />
      <Table.ScrollContainer minWidth={700}>
        <Table striped aria-label="Expiring licenses">
          <Table.Thead><Table.Tr><Table.Th>License</Table.Th><Table.Th>Date</Table.Th><Table.Th>Kind</Table.Th><Table.Th ta="right">Days left</Table.Th><Table.Th>Used / quantity</Table.Th><Table.Th ta="right">Annual gross</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {rows.map((r, i) => (
              <Table.Tr key={`${r.licenseId}-${r.dateKind}-${i}`}>
                <Table.Td><Anchor component={Link} to={`/licenses/${r.licenseId}`}>{r.name}</Anchor></Table.Td>
                <Table.Td>{r.date}</Table.Td>
                <Table.Td>{r.dateKind}</Table.Td>
                <Table.Td ta="right">{r.daysLeft}</Table.Td>
                <Table.Td>{r.used} / {r.quantity}</Table.Td>
                <Table.Td ta="right">{r.annualGross} {r.currency}</Table.Td>
              </Table.Tr>
            ))}
            {rows.length === 0 && <Table.Tr><Table.Td colSpan={6}><Text c="dimmed">Nothing expires in this window.</Text></Table.Td></Table.Tr>}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
