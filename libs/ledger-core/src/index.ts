export * from './masking';
export * from './dispute-record';
export * from './figures';
export * from './replay';
export * from './parties';
export * from './journal-chain';
