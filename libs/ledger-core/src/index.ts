export * from './masking';
export * from './dispute-record';
export * from './figures';
export * from './replay';
