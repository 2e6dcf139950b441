export * from './schemas/index.ts';

export * from './data/holidays.ts';

export * from './domain/text.ts';
export * from './domain/calendar.ts';
export * from './domain/vn-calendar.ts';
