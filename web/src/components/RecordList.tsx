import { useState, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Table,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useForm, type FormValidateInput, type UseFormReturnType } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { notifyOk } from '../errors';
import { EmptyRow, FormActions, PagedFooter, SortTh } from './common';
import { ConfirmDelete } from './ConfirmDelete';
import { useRecordSave } from './useRecordSave';

const PAGE_SIZE = 25;

export interface ListPage<T> {
  items: T[];
  total: number;
}
export interface ListQuery {
  q?: string;
  sort: string;
  page: number;
  pageSize: number;
}
export interface Column<T> {
  header: string;
  /** the API's sort field, when the column sorts */
  sortField?: string;
  render: (row: T) => ReactNode;
}

/**
 * One kind of record managed through the API's list/create/update/delete routes:
 * what the table shows, what the dialog edits and how both talk to the API.
 */
export interface RecordDef<T extends { id: string }, V extends Record<string, unknown>> {
  /** react-query key of the records, the same one the pickers of other pages use */
  queryKey: string;
  /** "software", "license category": in buttons, titles and messages */
  noun: string;
  /** the table's accessible name */
  plural: string;
  defaultSort: string;
  columns: Column<T>[];
  /** the record's name in titles and button labels */
  label: (row: T) => string;
  /** `filters`: the values of the page's own filter inputs */
  list: (query: ListQuery, filters: Record<string, string | undefined>) => Promise<ListPage<T>>;
  /** form values of a record, or of a new one (optionally under a parent node) */
  values: (row?: T, parentId?: string) => V;
  validate?: FormValidateInput<V>;
  fields: (form: UseFormReturnType<V>, row?: T) => ReactNode;
  save: (values: V, row?: T) => Promise<T>;
  remove: (row: T) => Promise<unknown>;
  /** what a delete does besides removing the record */
  deleteNote?: (row: T) => ReactNode;
}

/** What a tree view may ask of the list that owns the dialogs. */
export interface RecordActions<T> {
  create: (parentId?: string) => void;
  edit: (row: T) => void;
  remove: (row: T) => void;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * A searchable, sortable, paged table of records with New/Edit dialogs and a confirmed
 * Delete. `treeView` adds a Tree/List switch for records that form a tree.
 */
export function RecordList<T extends { id: string }, V extends Record<string, unknown>>({
  def,
  filters,
  filterQuery,
  rowActions,
  treeView,
}: {
  def: RecordDef<T, V>;
  /** inputs above the table; their values go to the API through `filterQuery` */
  filters?: ReactNode;
  filterQuery?: Record<string, string | undefined>;
  rowActions?: (row: T) => ReactNode;
  treeView?: (actions: RecordActions<T>) => ReactNode;
}) {
  const qc = useQueryClient();
  const [view, setView] = useState<'tree' | 'list'>(treeView ? 'tree' : 'list');
  const [q, setQ] = useState('');
  const [dq] = useDebouncedValue(q, 300);
  const [sort, setSort] = useState(def.defaultSort);
  const [page, setPage] = useState(1);
  const [dialog, setDialog] = useState<{ row?: T; parentId?: string } | null>(null);
  const [deleting, setDeleting] = useState<T | null>(null);

  // another filter value starts again at page 1 (state adjusted while rendering, as React advises)
  const filterKey = JSON.stringify(filterQuery ?? {});
  const [pagedFilter, setPagedFilter] = useState(filterKey);
  if (pagedFilter !== filterKey) {
    setPagedFilter(filterKey);
    setPage(1);
  }
  const query: ListQuery = { q: dq || undefined, sort, page, pageSize: PAGE_SIZE };
  const list = useQuery({
    queryKey: [def.queryKey, 'list', query, filterQuery],
    queryFn: () => def.list(query, filterQuery ?? {}),
    placeholderData: keepPreviousData,
    enabled: view === 'list',
  });
  const total = list.data?.total ?? 0;
  const actions: RecordActions<T> = {
    create: (parentId) => setDialog({ parentId }),
    edit: (row) => setDialog({ row }),
    remove: setDeleting,
  };
  const sortBy = (s: string) => {
    setSort(s);
    setPage(1);
  };

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end">
          {treeView && (
            <SegmentedControl
              aria-label="View"
              value={view}
              onChange={(v) => setView(v as 'tree' | 'list')}
              data={[
                { value: 'tree', label: 'Tree' },
                { value: 'list', label: 'List' },
              ]}
            />
          )}
          {view === 'list' && (
            <TextInput
              label={`Search ${def.plural.toLowerCase()}`}
              value={q}
              onChange={(e) => {
                setQ(e.currentTarget.value);
                setPage(1);
              }}
              w={260}
            />
          )}
          {view === 'list' && filters}
        </Group>
        <Button onClick={() => actions.create()}>New {def.noun}</Button>
      </Group>

      {view === 'tree' && treeView ? (
        treeView(actions)
      ) : (
        <>
          <Table.ScrollContainer minWidth={600}>
            <Table striped highlightOnHover aria-label={def.plural}>
              <Table.Thead>
                <Table.Tr>
                  {def.columns.map((c) =>
                    c.sortField ? (
                      <SortTh key={c.header} field={c.sortField} sort={sort} onSort={sortBy}>
                        {c.header}
                      </SortTh>
                    ) : (
                      <Table.Th key={c.header}>{c.header}</Table.Th>
                    ),
                  )}
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data?.items.map((row) => (
                  <Table.Tr key={row.id}>
                    {def.columns.map((c) => (
                      <Table.Td key={c.header}>{c.render(row)}</Table.Td>
                    ))}
                    <Table.Td>
                      <Group gap={4} wrap="nowrap" justify="flex-end">
                        {rowActions?.(row)}
                        <Button
                          size="compact-sm"
                          variant="default"
                          aria-label={`Edit ${def.label(row)}`}
                          onClick={() => actions.edit(row)}
                        >
                          Edit
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="light"
                          color="red"
                          aria-label={`Delete ${def.label(row)}`}
                          onClick={() => actions.remove(row)}
                        >
                          Delete
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
                {list.isSuccess && !list.data.items.length && (
                  <EmptyRow columns={def.columns.length + 1}>Nothing found.</EmptyRow>
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <PagedFooter
            label={
              <>
                {def.plural}: {total}
              </>
            }
            total={total}
            pageSize={PAGE_SIZE}
            page={page}
            onPage={setPage}
          />
        </>
      )}

      <RecordFormModal
        def={def}
        opened={!!dialog}
        row={dialog?.row}
        parentId={dialog?.parentId}
        onClose={() => setDialog(null)}
      />
      <ConfirmDelete
        opened={!!deleting}
        title={deleting ? `Delete ${def.noun} "${def.label(deleting)}"?` : ''}
        remove={() => (deleting ? def.remove(deleting) : Promise.resolve())}
        onClose={() => setDeleting(null)}
        onDeleted={() => {
          notifyOk(`${capitalize(def.noun)} deleted`);
          setDeleting(null);
          qc.invalidateQueries({ queryKey: [def.queryKey] });
        }}
      >
        {deleting && def.deleteNote?.(deleting)}
      </ConfirmDelete>
    </Stack>
  );
}

function RecordFormModal<T extends { id: string }, V extends Record<string, unknown>>({
  def,
  opened,
  row,
  parentId,
  onClose,
}: {
  def: RecordDef<T, V>;
  opened: boolean;
  row?: T;
  parentId?: string;
  onClose: () => void;
}) {
  const form = useForm<V>({ initialValues: def.values(row, parentId), validate: def.validate });
  const { formError, save } = useRecordSave({
    form,
    opened,
    initial: def.values(row, parentId),
    recordId: row?.id ?? parentId,
    queryKey: def.queryKey,
    saved: row ? `${capitalize(def.noun)} saved` : `${capitalize(def.noun)} has been added`,
    write: (v: V) => def.save(v, row),
    onClose,
  });
  return (
    <Modal opened={opened} onClose={onClose} title={row ? `Edit ${def.noun}` : `New ${def.noun}`}>
      <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
        <Stack>
          {formError && (
            <Alert color="red" role="alert" title="Not saved">
              {formError}
            </Alert>
          )}
          {def.fields(form, row)}
          <FormActions onCancel={onClose} saving={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
