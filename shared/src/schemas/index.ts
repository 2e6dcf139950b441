export * from './common.ts';
export * from './auth.ts';
export * from './org.ts';
export * from './criteria.ts';
export * from './report.ts';
export * from './issue.ts';
export * from './synthesis.ts';
export * from './routing.ts';
