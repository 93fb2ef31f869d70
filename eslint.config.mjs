// One lint config for the whole workspace. Layer rules: contracts import no framework; the web apps
// never import backend code. The backend's own layers are checked by dependency-cruiser (.dependency-cruiser.cjs).
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const frameworks = ['@nestjs/*', 'typeorm', 'typeorm/*', '@angular/*', 'rxjs', 'class-validator', 'class-transformer'];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.angular/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['libs/contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: frameworks, message: 'libs/contracts holds plain types and functions only.' }] }],
    },
  },
  {
    files: ['customer-portal/**/*.ts', 'admin-console/**/*.ts', 'libs/web-*/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/backend/**', '@repairhub/backend', '@nestjs/*', 'typeorm'], message: 'Frontends talk to the backend over HTTP only.' }] },
      ],
    },
  },
);
