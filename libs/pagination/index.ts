export * from './page';
export * from './where-equals';
