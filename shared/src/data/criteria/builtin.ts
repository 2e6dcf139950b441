import type { CriteriaSet } from '../../schemas/criteria.ts';
import { HD42_2025 } from './hd42-2025.ts';
import { NGHE_AN_08_2021 } from './nghe-an-08-2021.ts';

/**
 * The criteria sets shipped with the app, oldest first: HD 42 is national; Nghệ An 08-QĐ/TU is a
 * template that applies only where a province adopted it (`criteria_set_adoptions`). The seed stores them; a stored report
 * keeps its set's id forever, so a set is never edited in place: a change is a new set.
 */
export const BUILTIN_CRITERIA_SETS: readonly CriteriaSet[] = Object.freeze([
  NGHE_AN_08_2021,
  HD42_2025,
]);
