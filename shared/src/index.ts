export * from './errors';
export * from './roles';
export * from './id-number';
export * from './mobile';
export * from './mask';
export * from './money';
export * from './membership';
