import type { OrgUnit } from '../schemas/org.ts';
import type { OrgUnitKind } from '../schemas/common.ts';

/** Kinds of committee that triage what cells raise: the commune/ward today, the district in history. */
export const TRIAGE_KINDS: readonly OrgUnitKind[] = Object.freeze(['commune', 'district']);

/** Kinds of unit that can be responsible for an issue: every body except a cell. */
export const RESPONSIBLE_KINDS: readonly OrgUnitKind[] = Object.freeze([
  'province',
  'province_board',
  'party_committee',
  'people_committee',
  'department',
  'district',
  'commune',
  'commune_board',
]);

/**
 * An in-memory index of the organisation graph. It never assumes a number of levels: it walks
 * `parentId` links to the root (guarding against cycles in bad data) and `successorId` links of
 * units closed by a merger or a rename.
 */
export class OrgIndex {
  readonly #byId: ReadonlyMap<string, OrgUnit>;

  /** Indexes the units by id (a later duplicate id replaces an earlier one). */
  constructor(units: Iterable<OrgUnit>) {
    this.#byId = new Map([...units].map((u) => [u.id, u]));
  }

  /** The unit with this id, if known. */
  get(id: string): OrgUnit | undefined {
    return this.#byId.get(id);
  }

  /** The parent unit, if any. */
  parentOf(id: string): OrgUnit | undefined {
    const parentId = this.get(id)?.parentId;
    return parentId == null ? undefined : this.get(parentId);
  }

  /** Ancestors of a unit, nearest first, up to the root; stops at a cycle or an unknown parent. */
  ancestors(id: string): OrgUnit[] {
    const out: OrgUnit[] = [];
    const seen = new Set([id]);
    for (let p = this.parentOf(id); p && !seen.has(p.id); p = this.parentOf(p.id)) {
      seen.add(p.id);
      out.push(p);
    }
    return out;
  }

  /** Whether `ancestorId` is `id` itself or one of its ancestors. */
  isAncestorOrSelf(ancestorId: string, id: string): boolean {
    return ancestorId === id || this.ancestors(id).some((u) => u.id === ancestorId);
  }

  /**
   * The committee that triages a cell's issues: the nearest ancestor of kind commune or district.
   * In a three-tier province a cell under a commune under a district gets the commune (nearest wins).
   */
  triageBodyOf(cellId: string): OrgUnit | undefined {
    return this.ancestors(cellId).find((u) => TRIAGE_KINDS.includes(u.kind));
  }

  /**
   * The unit that stands for `id` on `date`: the unit itself if it is not closed then
   * (`validTo` absent or ≥ date), else its successor, followed until an open unit. Undefined when
   * the id is unknown, the chain ends in a closed unit without successor, or it loops.
   */
  resolveOpen(id: string, date: string): OrgUnit | undefined {
    const seen = new Set<string>();
    for (let u = this.get(id); u; u = u.successorId == null ? undefined : this.get(u.successorId)) {
      if (seen.has(u.id)) return undefined;
      seen.add(u.id);
      if (u.validTo == null || u.validTo >= date) return u;
    }
    return undefined;
  }

  /** Direct children of a unit (linear scan: meant for admin screens, not hot paths). */
  childrenOf(id: string): OrgUnit[] {
    return [...this.#byId.values()].filter((u) => u.parentId === id);
  }
}
