import tseslint from 'typescript-eslint';

// SQL, query builders and locks live in a module's *.repository.ts; the database platform
// (connection, migrations, transaction hook, secret checks, health probe) is the rest.
const DATA_ACCESS = {
  selector: 'CallExpression[callee.property.name=/^(query|createQueryBuilder|getRepository)$/]',
  message: 'SQL belongs in a *.repository.ts of the module that owns the table.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', '*.js', '*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.repository.ts', 'src/platform/database/**', 'src/**/*.spec.ts'],
    rules: { 'no-restricted-syntax': ['error', DATA_ACCESS] },
  },
  {
    // Services hold rules and controllers HTTP: neither reaches for TypeORM.
    files: ['src/**/*.service.ts', 'src/**/*.controller.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'typeorm', message: 'Data access goes through the module repository.' },
            { name: '@nestjs/typeorm', message: 'Data access goes through the module repository.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@nestjs-cls/transactional',
              importNames: ['Transactional'],
              message: 'Use @Transactional() from platform/database/transaction: it retries deadlocks.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
