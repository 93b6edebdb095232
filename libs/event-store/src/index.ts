export * from './event-store.port';
export * from './catch-up-subscription';
export * from './sqlite-event-store';
export * from './store-unavailable';
export * from './postgres-schema';
export * from './postgres-event-store';
export * from './esdb-event-store';
export * from './open-event-store';
