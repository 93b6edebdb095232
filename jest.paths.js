// Maps the tsconfig path aliases (@hub/...) for jest and for scripts run with swc-node.
const { compilerOptions } = require('./tsconfig.json');

exports.pathsToModuleNameMapper = () =>
  Object.fromEntries(
    Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
  );
