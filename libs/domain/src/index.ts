export * from './community';
export * from './errors';
export * from './calendar';
export * from './voting';
export * from './case';
