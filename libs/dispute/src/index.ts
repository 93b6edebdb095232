export * from './domain-error';
export * from './working-days';
export * from './dispute.state';
export * from './office-rules';
export * from './canonical-json';
export * from './china-calendar';
