/**
 * The architecture as rules (docs/ARCHITECTURE.md draws it): no import cycles, and each
 * folder of src/ imports only the folders below it.
 *   platform  <-  catalog  <-  inventory  <-  licensing  <-  reporting  <-  io
 *   platform  <-  catalog  <-  access  <-  licensing (users sit on an org unit; seats name who assigned them)
 * app.module.ts and main.ts at the top wire them together.
 */
const LAYERS = {
  platform: [],
  catalog: ['platform'],
  access: ['platform', 'catalog'],
  inventory: ['platform', 'catalog'],
  licensing: ['platform', 'catalog', 'access', 'inventory'],
  reporting: ['platform', 'catalog', 'access', 'inventory', 'licensing'],
  io: ['platform', 'catalog', 'access', 'inventory', 'licensing'],
};

const layerRules = Object.entries(LAYERS).map(([layer, allowed]) => ({
  name: `${layer}-imports-below-only`,
  comment: `src/${layer} may import ${allowed.length ? allowed.join(', ') : 'no other folder of src/'} (and itself).`,
  severity: 'error',
  from: { path: `^src/${layer}/` },
  to: {
    path: '^src/',
    pathNot: [`^src/${layer}/`, ...allowed.map((a) => `^src/${a}/`)],
  },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A cycle makes two files one unit that neither can be read without the other.',
      severity: 'error',
      from: { path: '^(src|libs)/' },
      to: { circular: true },
    },
    ...layerRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.spec\\.ts$' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
