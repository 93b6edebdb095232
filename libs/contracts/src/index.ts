export * from './common';
export * from './envelope';
export * from './catalog';
export * from './schemas';
export * from './events/hotline.events';
export * from './events/petition.events';
export * from './events/governance.events';
export * from './events/judicial.events';
