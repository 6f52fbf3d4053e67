import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', '.aws-sam/', 'dist/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // Lambda handlers are async by contract, whether or not they await anything.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      globals: {
        module: 'readonly',
        require: 'readonly',
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
      },
    },
  },
  {
    // Apps written as users write them, in plain CommonJS, for the emulator's tests.
    files: ['tests/fixtures/apps/**/*.js', 'tests/fixtures/apps/**/*.cjs'],
    ignores: ['tests/fixtures/apps/functions/esm/**'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { exports: 'writable', __dirname: 'readonly', setTimeout: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Function code is bundled alone for Lambda: it must never reach into the local tooling.
    files: ['hello-world/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['../emulator/*', '../bench/*', '../tests/*'] }],
    },
  },
  {
    // `expect.any()` and friends are typed `any` by jest; they are the point of an assertion.
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  prettier,
);
