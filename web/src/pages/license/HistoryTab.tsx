import { useState } from 'react';
import { Badge, Pagination, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { EmptyRow } from '../../components/common';
import { useHolderNames, type LicenseTabProps } from './shared';

const HISTORY_PAGE = 25;

/** The seat events of the license, a page at a time. */
export function HistoryTab({ license: l }: LicenseTabProps) {
  const [page, setPage] = useState(1);
  const hist = useQuery({
    queryKey: ['history', l.id, page],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/licenses/{id}/history', {
          params: { path: { id: l.id }, query: { page, pageSize: HISTORY_PAGE } },
        }),
      ),
  });
  const items = hist.data?.items ?? [];
  const total = hist.data?.total ?? 0;
  const holderOf = useHolderNames(items);
  return (
    <Stack>
      <Table.ScrollContainer minWidth={600}>
        <Table aria-label="History">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Action</Table.Th>
              <Table.Th>Person / asset</Table.Th>
              <Table.Th>Details</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((e, i) => (
              <Table.Tr key={i}>
                <Table.Td>{new Date(e.at).toLocaleString()}</Table.Td>
                <Table.Td>
                  <Badge variant="light">{e.action}</Badge>
                </Table.Td>
                <Table.Td>{holderOf(e)}</Table.Td>
                <Table.Td>
                  <Text size="xs" ff="monospace">
                    {Object.keys(e.details).length ? JSON.stringify(e.details) : ''}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
            {items.length === 0 && <EmptyRow columns={4}>No events yet.</EmptyRow>}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {total > HISTORY_PAGE && (
        <Pagination total={Math.ceil(total / HISTORY_PAGE)} value={page} onChange={setPage} />
      )}
    </Stack>
  );
}
