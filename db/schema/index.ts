export * from './units-keys';
export * from './groups';
export * from './registration';
export * from './bundles';
export * from './records';
export * from './on-behalf';
export * from './settings';
export * from './scoring';
