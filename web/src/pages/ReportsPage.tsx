import { useState } from 'react';
import { Link } from 'react-router-dom';
import {
  Anchor,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { BarChart } from '@mantine/charts';
import { DateInput } from '@mantine/dates';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, download, unwrap, type Schemas } from '../api/client';
import type { operations } from '../api/schema';
import { notifyError } from '../errors';
import {
  EmptyRow,
  LicenseFilterFields,
  METRIC_LABEL,
  PagedFooter,
  StatusBadge,
  type LicenseFilters,
} from '../components/common';

type CostQuery = operations['ReportsController_costs']['parameters']['query'];
type GroupBy = Schemas['CostParametersDto']['groupBy'];
type CostView = Schemas['CostParametersDto']['view'];
const COMPLIANCE_PAGE = 25;
// The report routes also answer files (xlsx, csv), so the generated type of their answer
// includes `string`: asked without `format`, they answer JSON, cast to it below.

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
        <Tabs.Panel value="costs" pt="md">
          <Costs />
        </Tabs.Panel>
        <Tabs.Panel value="compliance" pt="md">
          <Compliance />
        </Tabs.Panel>
        <Tabs.Panel value="expiring" pt="md">
          <Expiring />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

/** A file answer of a report, named by the server (`costs-2026-11-23.xlsx`). */
function useDownload(path: string, query: object) {
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (what: string, extra: Record<string, unknown>, fallbackName: string) => {
    setBusy(what);
    try {
      await download(path, { ...query, ...extra }, fallbackName);
    } catch (e) {
      notifyError(e, 'Download failed');
    } finally {
      setBusy(null);
    }
  };
  return { busy, run };
}

function Costs() {
  const [groupBy, setGroupBy] = useState<GroupBy>('orgUnit');
  const [view, setView] = useState<CostView>('owner');
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [filters, setFilters] = useState<LicenseFilters>({});
  const [chartCurrency, setChartCurrency] = useState<string | null>(null);
  const query: CostQuery = { ...filters, groupBy, view, from: from ?? undefined, to: to ?? undefined };
  const rep = useQuery({
    queryKey: ['report-costs', query],
    queryFn: () =>
      unwrap(api.GET('/api/v1/reports/costs', { params: { query } })) as Promise<Schemas['CostReportDto']>,
    placeholderData: keepPreviousData,
  });
  const files = useDownload('/api/v1/reports/costs', query);
  const rows = rep.data?.rows ?? [];
  // Currencies are never added together, so the chart shows one at a time.
  const currencies = [...new Set(rows.map((r) => r.currency))];
  const currency = chartCurrency && currencies.includes(chartCurrency) ? chartCurrency : currencies[0];
  const chart = rows
    .filter((r) => r.currency === currency)
    .map((r) => ({ group: r.group, gross: Number(r.gross) }));
  return (
    <Stack>
      <Group align="flex-end">
        <Select
          label="Group by"
          allowDeselect={false}
          value={groupBy}
          onChange={(v) => v && setGroupBy(v as GroupBy)}
          w={160}
          data={[
            { value: 'orgUnit', label: 'Org unit' },
            { value: 'software', label: 'Software' },
            { value: 'supplier', label: 'Supplier' },
            { value: 'category', label: 'Category' },
            { value: 'month', label: 'Purchase month' },
          ]}
        />
        <Select
          label="View"
          allowDeselect={false}
          value={view}
          onChange={(v) => v && setView(v as CostView)}
          w={180}
          data={[
            { value: 'owner', label: 'By owner' },
            { value: 'use', label: 'By use (chargeback)' },
          ]}
        />
        <DateInput
          label="Purchased from"
          valueFormat="YYYY-MM-DD"
          clearable
          value={from}
          onChange={setFrom}
          w={160}
        />
        <DateInput
          label="Purchased to"
          valueFormat="YYYY-MM-DD"
          clearable
          value={to}
          onChange={setTo}
          w={160}
        />
      </Group>
      <LicenseFilterFields
        value={filters}
        onChange={setFilters}
        fields={['q', 'softwareId', 'orgUnitId', 'status']}
      />
      <Group>
        <Button
          variant="default"
          loading={files.busy === 'xlsx'}
          onClick={() => files.run('xlsx', { format: 'xlsx' }, 'costs.xlsx')}
        >
          Download xlsx
        </Button>
        <Button
          variant="default"
          loading={files.busy === 'csv'}
          onClick={() => files.run('csv', { format: 'csv' }, 'costs.csv')}
        >
          Download csv
        </Button>
        <Button
          variant="default"
          loading={files.busy === 'lines'}
          onClick={() => files.run('lines', { format: 'csv', detail: true }, 'costs-lines.csv')}
        >
          Download lines (CSV)
        </Button>
      </Group>
      {chart.length > 0 && (
        <Paper withBorder p="sm">
          <Group justify="space-between" mb="xs">
            <Text size="sm" fw={600}>
              Gross by group ({currency})
            </Text>
            {currencies.length > 1 && (
              <SegmentedControl
                size="xs"
                data={currencies}
                value={currency}
                onChange={setChartCurrency}
                aria-label="Currency of the chart"
              />
            )}
          </Group>
          <BarChart
            h={Math.max(120, chart.length * 34 + 40)}
            data={chart}
            dataKey="group"
            orientation="vertical"
            series={[{ name: 'gross', color: 'indigo.6', label: `Gross ${currency}` }]}
            yAxisProps={{ width: 200, interval: 0 }}
            gridAxis="x"
            valueFormatter={(v) => v.toFixed(2)}
          />
        </Paper>
      )}
      <Table.ScrollContainer minWidth={700}>
        <Table striped aria-label="Cost report">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Group</Table.Th>
              <Table.Th>Currency</Table.Th>
              <Table.Th ta="right">Licenses</Table.Th>
              <Table.Th ta="right">Seats</Table.Th>
              <Table.Th ta="right">Net</Table.Th>
              <Table.Th ta="right">VAT</Table.Th>
              <Table.Th ta="right">Gross</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r, i) => (
              <Table.Tr key={i}>
                <Table.Td>{r.group}</Table.Td>
                <Table.Td>{r.currency}</Table.Td>
                <Table.Td ta="right">{r.licenses}</Table.Td>
                <Table.Td ta="right">{r.seats}</Table.Td>
                <Table.Td ta="right">{r.net}</Table.Td>
                <Table.Td ta="right">{r.vat}</Table.Td>
                <Table.Td ta="right">{r.gross}</Table.Td>
              </Table.Tr>
            ))}
            {(rep.data?.totals ?? []).map((t) => (
              <Table.Tr key={`total-${t.currency}`} fw={700}>
                <Table.Td>Total</Table.Td>
                <Table.Td>{t.currency}</Table.Td>
                <Table.Td ta="right">{t.licenses}</Table.Td>
                <Table.Td ta="right">{t.seats}</Table.Td>
                <Table.Td ta="right">{t.net}</Table.Td>
                <Table.Td ta="right">{t.vat}</Table.Td>
                <Table.Td ta="right">{t.gross}</Table.Td>
              </Table.Tr>
            ))}
            {rep.data && rows.length === 0 && <EmptyRow columns={7}>No license lines match.</EmptyRow>}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function Compliance() {
  const [only, setOnly] = useState(true);
  const [page, setPage] = useState(1);
  const query = { onlyFindings: only || undefined, page, pageSize: COMPLIANCE_PAGE };
  const rep = useQuery({
    queryKey: ['report-compliance', query],
    queryFn: () =>
      unwrap(api.GET('/api/v1/reports/compliance', { params: { query } })) as Promise<
        Schemas['PageOfComplianceRowDto']
      >,
    placeholderData: keepPreviousData,
  });
  const items = rep.data?.items ?? [];
  const total = rep.data?.total ?? 0;
  return (
    <Stack>
      <Switch
        label="Only licenses with findings"
        checked={only}
        onChange={(e) => {
          setOnly(e.currentTarget.checked);
          setPage(1);
        }}
      />
      <Table.ScrollContainer minWidth={700}>
        <Table striped aria-label="Compliance report">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>License</Table.Th>
              <Table.Th>Metric</Table.Th>
              <Table.Th>Used / quantity</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Findings</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((r) => (
              <Table.Tr key={r.licenseId}>
                <Table.Td>
                  <Anchor component={Link} to={`/licenses/${r.licenseId}`}>
                    {r.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{METRIC_LABEL[r.metric]}</Table.Td>
                <Table.Td>
                  {r.used} / {r.quantity}
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={r.status} />
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {r.findings.map((f) => (
                      <Badge key={f.code} color="red" variant="light" title={f.code}>
                        {f.message}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
            {rep.data && items.length === 0 && <EmptyRow columns={5}>No findings.</EmptyRow>}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <PagedFooter
        label={<>{total} license(s)</>}
        total={total}
        pageSize={COMPLIANCE_PAGE}
        page={page}
        onPage={setPage}
      />
    </Stack>
  );
}

function Expiring() {
  const [days, setDays] = useState<number | string>(90);
  const d = typeof days === 'number' ? days : 90;
  const rep = useQuery({
    queryKey: ['report-expiring', d],
    queryFn: () =>
      unwrap(api.GET('/api/v1/reports/expiring', { params: { query: { days: d } } })) as Promise<
        Schemas['ExpiringReportDto']
      >,
  });
  const rows = rep.data?.rows ?? [];
  return (
    <Stack>
      <NumberInput
        label="Window (days)"
        min={0}
        max={3650}
        allowDecimal={false}
        value={days}
        onChange={setDays}
        w={160}
      />
      <Table.ScrollContainer minWidth={700}>
        <Table striped aria-label="Expiring licenses">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>License</Table.Th>
              <Table.Th>Date</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th ta="right">Days left</Table.Th>
              <Table.Th>Used / quantity</Table.Th>
              <Table.Th ta="right">Annual gross</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={`${r.licenseId}-${r.dateKind}`}>
                <Table.Td>
                  <Anchor component={Link} to={`/licenses/${r.licenseId}`}>
                    {r.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{r.date}</Table.Td>
                <Table.Td>{r.dateKind}</Table.Td>
                <Table.Td ta="right">{r.daysLeft}</Table.Td>
                <Table.Td>
                  {r.used} / {r.quantity}
                </Table.Td>
                <Table.Td ta="right">
                  {r.annualGross} {r.currency}
                </Table.Td>
              </Table.Tr>
            ))}
            {rep.data && rows.length === 0 && (
              <EmptyRow columns={6}>Nothing expires in this window.</EmptyRow>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
