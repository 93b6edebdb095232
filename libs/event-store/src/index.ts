export * from './event-store.port';
export * from './catch-up-subscription';
export * from './sqlite-event-store';
