/** Jest runs the ESM backend through ts-jest (transpile only; `tsc` type-checks in the build). */
const esm = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^@repairhub/contracts$': '<rootDir>/../libs/contracts/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }],
  },
  testEnvironment: 'node',
  setupFiles: ['reflect-metadata'],
};

export default {
  // Global (not per project) in Jest 30: e2e hooks boot whole apps, some tests spawn real processes.
  testTimeout: 180000,
  projects: [
    { ...esm, displayName: 'unit', rootDir: '.', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...esm,
      displayName: 'e2e',
      rootDir: '.',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
    },
  ],
};
