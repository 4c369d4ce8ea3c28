export * from './community';
export * from './errors';
export * from './storable';
export * from './calendar';
export * from './voting';
export * from './binding';
export * from './case';
export * from './labels';
