import { z } from 'zod';
import { IssueStatus, Slug, Uuid } from './common.ts';

/**
 * Related issues (issue 16): open or recently answered issues of the same commune (or body) whose
 * text is similar, diacritics-insensitive. The member writing an issue asks with the text typed
 * so far and the cell; staff ask about an issue they read.
 */
export const RelatedQuery = z.object({
  text: z.string().trim().min(3, 'Nhập ít nhất 3 ký tự').max(2_000, 'Tối đa 2.000 ký tự'),
  cellId: Slug,
});
export type RelatedQuery = z.input<typeof RelatedQuery>;

export const RelatedIssue = z.object({
  id: Uuid,
  title: z.string(),
  status: IssueStatus,
  cellName: z.string(),
  communeName: z.string().nullable(),
  /** When it was raised (local ISO date-time). */
  createdAt: z.string(),
  /** When it was answered, if it was. */
  closedAt: z.string().nullable(),
  /** Trigram similarity of the texts, 0–1 (the greater of whole-text and word similarity). */
  similarity: z.number(),
  /** The issue this one duplicates, when it is a duplicate. */
  duplicateOf: Uuid.nullable(),
});
export type RelatedIssue = z.infer<typeof RelatedIssue>;

export const RelatedResponse = z.object({ items: z.array(RelatedIssue) });
export type RelatedResponse = z.infer<typeof RelatedResponse>;

/** Marks an issue as a duplicate of another (the original): it will follow the original's answer. */
export const DuplicateInput = z.object({
  originalId: Uuid,
  expectedVersion: z.number().int().min(0),
});
export type DuplicateInput = z.infer<typeof DuplicateInput>;

export const UnduplicateQuery = z.object({
  expectedVersion: z.coerce.number().int().min(0),
});
export type UnduplicateQuery = z.input<typeof UnduplicateQuery>;

/** How many issues the related hints return at most. */
export const RELATED_LIMIT = 5;
/** Answered issues stay hints this many days after their answer. */
export const RELATED_RECENT_DAYS = 90;
