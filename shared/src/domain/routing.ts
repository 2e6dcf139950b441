import type { Category, Urgency } from '../schemas/common.ts';
import type { DeadlineConfig, DeadlineProfile, RoutingRule } from '../schemas/routing.ts';
import type { OrgIndex } from './org-graph.ts';

/** What routing needs to know about an issue. */
export interface RoutableIssue {
  category: Category;
  urgency: Urgency;
  cellId: string;
  /** A body the observer named; wins over the rules when it is a known unit. */
  requestedBodyId?: string | null;
}

/** Where an issue goes, with which deadline profile, and the rule that decided (null: none). */
export interface RouteResult {
  bodyId: string;
  profile: DeadlineProfile;
  ruleId: string | null;
}

/**
 * Routes an issue raised in a cell on `date`:
 * 1. a body the observer named (if known) takes it, with no rule;
 * 2. else the first active rule in `position` order whose category and urgency match (null = any)
 *    and whose `areaId` is the cell or one of its ancestors; target `triage` is the cell's triage
 *    committee, `cell` the cell itself, or a fixed `targetBodyId`;
 * 3. else the cell's triage committee (its queue of unmatched issues).
 * The triage committee is the district committee above the cell's commune in a province that still
 * has districts (it synthesises and settles what its communes' cells raise), else the cell's nearest
 * commune committee (two-tier provinces since July 2025); a district closed on `date` without
 * successor leaves it to the commune.
 * A closed target follows its successors; a target closed without successor, or unknown, falls to
 * the triage committee. Urgent issues get the `urgent` profile unless the rule says `complex`.
 * Throws RangeError when the cell is unknown.
 */
export function routeIssue(
  issue: RoutableIssue,
  rules: readonly RoutingRule[],
  org: OrgIndex,
  date: string,
): RouteResult {
  const cell = org.get(issue.cellId);
  if (!cell) throw new RangeError(`Unknown cell ${issue.cellId}`);
  const urgentOr = (p: DeadlineProfile): DeadlineProfile =>
    issue.urgency === 'urgent' && p !== 'complex' ? 'urgent' : p;
  const triage = (): string => {
    const district = org.districtOf(cell.id);
    const open = district ? org.resolveOpen(district.id, date) : undefined;
    if (open) return open.id;
    const t = org.triageBodyOf(cell.id) ?? org.parentOf(cell.id) ?? cell;
    return (org.resolveOpen(t.id, date) ?? t).id;
  };

  const requested = issue.requestedBodyId
    ? org.resolveOpen(issue.requestedBodyId, date)
    : undefined;
  if (requested) return { bodyId: requested.id, profile: urgentOr('normal'), ruleId: null };

  const areas = new Set([cell.id, ...org.ancestors(cell.id).map((u) => u.id)]);
  const rule = [...rules]
    .filter((r) => r.active)
    .sort((a, b) => a.position - b.position)
    .find(
      (r) =>
        (r.category === null || r.category === issue.category) &&
        (r.urgency === null || r.urgency === issue.urgency) &&
        (r.areaId === null || areas.has(r.areaId)),
    );
  if (!rule) return { bodyId: triage(), profile: urgentOr('normal'), ruleId: null };

  let bodyId: string;
  if (rule.target === 'triage') bodyId = triage();
  else {
    const targetId = rule.target === 'cell' ? cell.id : rule.targetBodyId;
    bodyId = (targetId ? org.resolveOpen(targetId, date)?.id : undefined) ?? triage();
  }
  return { bodyId, profile: urgentOr(rule.deadlineProfile), ruleId: rule.id };
}

/** Working days allowed for the answer under a deadline profile. */
export function answerDays(profile: DeadlineProfile, cfg: DeadlineConfig): number {
  return profile === 'urgent' ? cfg.urgent : profile === 'complex' ? cfg.complex : cfg.answer;
}
