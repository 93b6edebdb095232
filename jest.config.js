// Three levels, told apart by file suffix: unit (pure logic), int (real stores and brokers),
// e2e (the composed hub over HTTP).
const { pathsToModuleNameMapper } = require('./jest.paths');

const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' } }];
const project = (name, timeout) => ({
  displayName: name,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: pathsToModuleNameMapper(),
  testMatch: [`<rootDir>/**/*.${name}.spec.ts`],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  slowTestThreshold: timeout,
});

module.exports = {
  projects: [project('unit', 5), project('int', 30), project('e2e', 30)],
  testTimeout: 60000,
};
