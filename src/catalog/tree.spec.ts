import { buildTree, mapTree, TreeNode, TreeRow } from './tree';

const row = (id: string, name: string, parentId: string | null = null): TreeRow => ({ id, name, parentId });

/** `name(child, child)` for compact shape assertions. */
const shape = (nodes: TreeNode<TreeRow>[]): string[] =>
  nodes.map((n) => (n.children.length ? `${n.name}(${shape(n.children).join(', ')})` : n.name));

describe('buildTree', () => {
  it('nests rows under their parents and sorts siblings by name at every level', () => {
    const rows = [
      row('5', 'Team B', '2'),
      row('1', 'Zeta Corp'),
      row('2', 'Sales', '1'),
      row('3', 'Alpha Corp'),
      row('4', 'Finance', '1'),
      row('6', 'Team A', '2'),
    ];
    expect(shape(buildTree(rows))).toEqual(['Alpha Corp', 'Zeta Corp(Finance, Sales(Team A, Team B))']);
  });

  it('is independent of the input order (children listed before their parents)', () => {
    const rows = [row('c', 'C', 'b'), row('b', 'B', 'a'), row('a', 'A')];
    expect(shape(buildTree(rows))).toEqual(['A(B(C))']);
    expect(shape(buildTree([...rows].reverse()))).toEqual(['A(B(C))']);
  });

  it('orders equal names by id so the result is stable', () => {
    const tree = buildTree([row('b', 'Same'), row('a', 'Same')]);
    expect(tree.map((n) => n.id)).toEqual(['a', 'b']);
  });

  it('makes a row whose parent is missing a root instead of dropping it', () => {
    const tree = buildTree([row('x', 'Orphan', 'gone'), row('r', 'Root')]);
    expect(shape(tree)).toEqual(['Orphan', 'Root']);
  });

  it('keeps the row fields, gives leaves an empty children list and leaves the input untouched', () => {
    const rows = [row('p', 'Parent'), row('c', 'Child', 'p')];
    const [parent] = buildTree(rows);
    expect(parent).toEqual({
      id: 'p',
      name: 'Parent',
      parentId: null,
      children: [{ id: 'c', name: 'Child', parentId: 'p', children: [] }],
    });
    expect(rows[0]).not.toHaveProperty('children');
  });

  it('answers an empty list for no rows', () => {
    expect(buildTree([])).toEqual([]);
  });
});

describe('mapTree', () => {
  it('maps every node and keeps the shape', () => {
    const tree = buildTree([row('p', 'Parent'), row('c', 'Child', 'p')]);
    expect(mapTree(tree, (n) => ({ label: n.name.toUpperCase() }))).toEqual([
      { label: 'PARENT', children: [{ label: 'CHILD', children: [] }] },
    ]);
  });
});
