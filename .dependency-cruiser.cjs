// Boundaries checked by a machine: pure domain libraries import no framework or infrastructure,
// an office app never imports another office's code, and only the hub composes apps.
const PURE = '^libs/(contracts|dispute|ledger-core)/';
const INFRA = '^(node_modules/(@nestjs|kafkajs|better-sqlite3|pg|@eventstore|express)|libs/(event-store|office-kit)/)';

module.exports = {
  forbidden: [
    {
      name: 'pure-domain',
      comment: 'contracts, the dispute lifecycle and the ledger record builder are pure: no Nest, no drivers, no adapters',
      severity: 'error',
      from: { path: PURE },
      to: { path: INFRA },
    },
    {
      name: 'office-apps-apart',
      comment: 'an office app imports only libs, never another app',
      severity: 'error',
      from: { path: '^apps/(hotline|petition|governance|judicial|ledger)/' },
      to: { path: '^apps/([^/]+)/', pathNot: '^apps/$1/' },
    },
    {
      name: 'libs-not-apps',
      comment: 'libraries never import applications',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(\\.spec\\.ts$|/demo/|/scripts/)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
