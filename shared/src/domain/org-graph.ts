import type { OrgUnit } from '../schemas/org.ts';
import type { OrgUnitKind } from '../schemas/common.ts';
import { endedBefore } from './validity.ts';

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

/** Boards and committees first, cells last, as the province's own lists are ordered. */
export const KIND_ORDER: readonly OrgUnitKind[] = Object.freeze([...RESPONSIBLE_KINDS, 'cell']);

/**
 * An in-memory index of the organisation graph. It never assumes a number of levels: it walks
 * `parentId` links to the root (guarding against cycles in bad data) and `successorId` links of
 * units closed by a merger or a rename.
 */
export class OrgIndex<U extends OrgUnit = OrgUnit> {
  readonly #byId: ReadonlyMap<string, U>;
  #children: Map<string, U[]> | undefined;

  /** Indexes the units by id (a later duplicate id replaces an earlier one). */
  constructor(units: Iterable<U>) {
    this.#byId = new Map([...units].map((u) => [u.id, u]));
  }

  /** The unit with this id, if known. */
  get(id: string): U | undefined {
    return this.#byId.get(id);
  }

  /** The parent unit, if any. */
  parentOf(id: string): U | undefined {
    const parentId = this.get(id)?.parentId;
    return parentId == null ? undefined : this.get(parentId);
  }

  /** Ancestors of a unit, nearest first, up to the root; stops at a cycle or an unknown parent. */
  ancestors(id: string): U[] {
    const out: U[] = [];
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
  triageBodyOf(cellId: string): U | undefined {
    return this.ancestors(cellId).find((u) => TRIAGE_KINDS.includes(u.kind));
  }

  /**
   * The district committee (huyện ủy) above a cell, in a province that still has districts; undefined
   * in a two-tier province. A cell under a commune under a district gets the district.
   */
  districtOf(cellId: string): U | undefined {
    return this.ancestors(cellId).find((u) => u.kind === 'district');
  }

  /**
   * The unit that stands for `id` on `date`: the unit itself if it is not closed then
   * (`validTo` absent or ≥ date), else its successor, followed until an open unit. Undefined when
   * the id is unknown, the chain ends in a closed unit without successor, or it loops.
   */
  resolveOpen(id: string, date: string): U | undefined {
    const seen = new Set<string>();
    for (let u = this.get(id); u; u = u.successorId == null ? undefined : this.get(u.successorId)) {
      if (seen.has(u.id)) return undefined;
      seen.add(u.id);
      if (!endedBefore(u, date)) return u;
    }
    return undefined;
  }

  /** Direct children of a unit, in the order the units were given (the index is built on first use). */
  childrenOf(id: string): U[] {
    if (!this.#children) {
      this.#children = new Map();
      for (const u of this.#byId.values()) {
        if (u.parentId == null) continue;
        const list = this.#children.get(u.parentId);
        if (list) list.push(u);
        else this.#children.set(u.parentId, [u]);
      }
    }
    return this.#children.get(id) ?? [];
  }

  /**
   * The ids of `rootId` and every unit below it, closed ones included (the root is in the set even
   * when unknown). A cycle in bad data cannot loop: each unit is visited once.
   */
  subtreeIds(rootId: string): Set<string> {
    const out = new Set([rootId]);
    const queue = [rootId];
    for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
      for (const child of this.childrenOf(id)) {
        if (out.has(child.id)) continue;
        out.add(child.id);
        queue.push(child.id);
      }
    }
    return out;
  }

  /** Units strictly below `rootId`, open or closed. */
  descendants(rootId: string): U[] {
    const ids = this.subtreeIds(rootId);
    ids.delete(rootId);
    return [...ids].map((id) => this.get(id)!);
  }
}
