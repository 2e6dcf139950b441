export * from './schemas/index.ts';

export * from './data/holidays.ts';
export * from './data/criteria/bands.ts';
export * from './data/criteria/hd42-2025.ts';
export * from './data/criteria/nghe-an-08-2021.ts';
export * from './data/criteria/builtin.ts';

export * from './domain/text.ts';
export * from './domain/calendar.ts';
export * from './domain/vn-calendar.ts';
export * from './domain/attendance.ts';
export * from './domain/criteria.ts';
export * from './domain/lifecycle.ts';
export * from './domain/issue-actor.ts';
export * from './domain/roles.ts';
export * from './domain/validity.ts';
export * from './domain/org-graph.ts';
export * from './domain/routing.ts';
export * from './domain/reporting.ts';
export * from './domain/overdue.ts';
export * from './domain/csv.ts';
export * from './data/labels.ts';
export * from './domain/synthesis-math.ts';
export * from './domain/compliance.ts';
export * from './domain/year-view.ts';
export * from './domain/vn-document.ts';
export * from './domain/webhooks.ts';
