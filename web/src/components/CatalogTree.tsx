import { useEffect, useMemo, type ReactNode } from 'react';
import {
  Button,
  Group,
  Loader,
  Text,
  Tree,
  getTreeExpandedState,
  useTree,
  type TreeNodeData,
} from '@mantine/core';
import type { RecordActions } from './RecordList';

export interface CatalogNode {
  id: string;
  name: string;
  children: CatalogNode[];
}

/**
 * A catalog that is a tree (org units, locations), fully expanded, each node with
 * Add (a child), Edit and Delete; the dialogs belong to the RecordList around it.
 */
export function CatalogTree<N extends CatalogNode>({
  nodes,
  loading,
  label,
  actions,
  ariaLabel,
}: {
  nodes: N[] | undefined;
  loading: boolean;
  /** the node's text: its name and whatever else identifies it */
  label: (node: N) => ReactNode;
  actions: RecordActions<N>;
  ariaLabel: string;
}) {
  const { data, byId } = useMemo(() => {
    const byId = new Map<string, N>();
    const toData = (list: N[]): TreeNodeData[] =>
      list.map((n) => {
        byId.set(n.id, n);
        return {
          value: n.id,
          label: n.name,
          children: n.children.length ? toData(n.children as N[]) : undefined,
        };
      });
    return { data: toData(nodes ?? []), byId };
  }, [nodes]);
  const tree = useTree();
  const { setExpandedState } = tree;
  // a new or moved node shows up where it landed
  useEffect(() => setExpandedState(getTreeExpandedState(data, '*')), [data, setExpandedState]);

  if (loading) return <Loader aria-label="Loading" />;
  if (!data.length) return <Text c="dimmed">Nothing here yet.</Text>;
  return (
    <Tree
      aria-label={ariaLabel}
      data={data}
      tree={tree}
      levelOffset="lg"
      renderNode={({ node, expanded, hasChildren, elementProps }) => {
        const record = byId.get(node.value);
        if (!record) return null;
        return (
          <Group {...elementProps} justify="space-between" wrap="nowrap" gap="xs" py={2}>
            <Group gap={6} wrap="nowrap" miw={0}>
              <Text span w={14} c="dimmed" aria-hidden>
                {hasChildren ? (expanded ? '▾' : '▸') : ''}
              </Text>
              <Text size="sm" truncate>
                {label(record)}
              </Text>
            </Group>
            {/* the node toggles on click and keys; the buttons keep theirs to themselves */}
            <Group
              gap={4}
              wrap="nowrap"
              onClick={(e) => e.stopPropagation()}
              onKeyDown={(e) => e.stopPropagation()}
            >
              <Button
                size="compact-xs"
                variant="subtle"
                aria-label={`Add under ${record.name}`}
                onClick={() => actions.create(record.id)}
              >
                Add
              </Button>
              <Button
                size="compact-xs"
                variant="default"
                aria-label={`Edit ${record.name}`}
                onClick={() => actions.edit(record)}
              >
                Edit
              </Button>
              <Button
                size="compact-xs"
                variant="light"
                color="red"
                aria-label={`Delete ${record.name}`}
                onClick={() => actions.remove(record)}
              >
                Delete
              </Button>
            </Group>
          </Group>
        );
      }}
    />
  );
}
