/** What the catalogs refuse beyond the common codes (libs/errors). */
export const CatalogErrorCode = {
  /** 422: a tree node moved under itself or one of its descendants. */
  TREE_CYCLE: 'TREE_CYCLE',
  /** 409: a location path that names more than one location. */
  AMBIGUOUS_PATH: 'AMBIGUOUS_PATH',
  /** 403: a department head reaching outside their org-unit subtree. */
  OUT_OF_YOUR_SCOPE: 'OUT_OF_YOUR_SCOPE',
} as const;
