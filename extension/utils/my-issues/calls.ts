import { request } from '../api.ts';

/** The observer's own issues, with where each sits and its answer. */
export const listMyIssues = () => request((c) => c.api.my.issues.$get({ query: {} }));
