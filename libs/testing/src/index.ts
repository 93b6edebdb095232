export * from './event-store.contract';
export * from './dispute-builders';
export * from './given-when-then';
export * from './postgres';
