import { useState } from 'react';
import { Alert, Button, FileInput, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { download, rawFetch, type Schemas } from '../api/client';
import { notifyError, notifyOk } from '../errors';

// multipart upload goes through rawFetch; the answer is the generated ImportResultDto
type ImportResult = Schemas['ImportResultDto'];
type Entity = ImportResult['entity'];
const ENTITIES: { value: Entity; label: string }[] = [
  { value: 'licenses', label: 'Licenses' },
  { value: 'persons', label: 'Persons' },
  { value: 'assets', label: 'Assets' },
  { value: 'seats', label: 'Seats (assignments)' },
];

export function ImportPage() {
  const qc = useQueryClient();
  const [entity, setEntity] = useState<Entity>('licenses');
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(dryRun ? 'dry' : 'real');
    try {
      const fd = new FormData();
      fd.append('file', file);
      const res = await rawFetch(`/api/v1/imports/${entity}`, dryRun ? { dryRun: 'true' } : {}, {
        method: 'POST',
        body: fd,
      });
      const r = (await res.json()) as ImportResult;
      setResult(r);
      setChecked(dryRun && r.errors.length === 0);
      if (!dryRun) {
        if (!r.errors.length) notifyOk(`Imported: ${r.created} created, ${r.updated} updated`);
        qc.invalidateQueries();
      }
    } catch (e) {
      notifyError(e, 'Import failed');
      setChecked(false);
    } finally {
      setBusy(null);
    }
  };
  const reset = () => {
    setResult(null);
    setChecked(false);
  };

  return (
    <Stack maw={900}>
      <Title order={2}>Import</Title>
      <Group align="flex-end">
        <Select
          label="Entity"
          allowDeselect={false}
          value={entity}
          onChange={(v) => {
            if (v) setEntity(v as Entity);
            reset();
          }}
          w={200}
          data={ENTITIES}
        />
        <Button
          variant="default"
          onClick={() =>
            download(
              `/api/v1/imports/${entity}/template`,
              { format: 'xlsx' },
              `${entity}-template.xlsx`,
            ).catch((e) => notifyError(e, 'Download failed'))
          }
        >
          Template (xlsx)
        </Button>
        <Button
          variant="default"
          onClick={() =>
            download(`/api/v1/imports/${entity}/template`, { format: 'csv' }, `${entity}-template.csv`).catch(
              (e) => notifyError(e, 'Download failed'),
            )
          }
        >
          Template (csv)
        </Button>
      </Group>
      <FileInput
        label="File (xlsx or csv)"
        accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        value={file}
        onChange={(f) => {
          setFile(f);
          reset();
        }}
        clearable
        maw={420}
      />
      <Group>
        <Button disabled={!file} loading={busy === 'dry'} onClick={() => send(true)}>
          Check (dry run)
        </Button>
        <Button
          color="green"
          disabled={!file || !checked}
          loading={busy === 'real'}
          onClick={() => send(false)}
        >
          Confirm import
        </Button>
      </Group>
      {result && (
        <Alert color={result.errors.length ? 'red' : 'green'} role="status">
          {result.errors.length
            ? `${result.errorCount} error(s) in ${result.rows} row(s): nothing will be written. Fix the file and check again.`
            : checked
              ? `Ready: ${result.rows} row(s) checked — ${result.created} to create, ${result.updated} to update, ${result.unchanged} unchanged.`
              : `Done: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged.`}
        </Alert>
      )}
      {result && result.errors.length > 0 && (
        <Table striped aria-label="Import errors">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Row</Table.Th>
              <Table.Th>Column</Table.Th>
              <Table.Th>Value</Table.Th>
              <Table.Th>Problem</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.errors.map((e, i) => (
              <Table.Tr key={i}>
                <Table.Td>{e.row}</Table.Td>
                <Table.Td>{e.column ?? e.field ?? ''}</Table.Td>
                <Table.Td>{e.value === undefined || e.value === null ? '' : String(e.value)}</Table.Td>
                <Table.Td>{e.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {!result && (
        <Text size="sm" c="dimmed">
          Download a template, fill it in, check it with a dry run, then confirm.
        </Text>
      )}
    </Stack>
  );
}
