import { request } from '../api.ts';

/** The report calls of the panel (the submission itself goes through the outbox). */
export const getReport = (id: string) =>
  request((c) => c.api.reports[':id'].$get({ param: { id } }));
