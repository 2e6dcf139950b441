import type { Assignment, CriteriaSet, OrgUnit, ScoreResult } from '@duhop/shared';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { DraftData, DraftFacts } from '../../utils/report/report-model.ts';
import type { Updater } from './use-draft-editor.ts';

/** What every section of the form reads: the draft, its computed facts, and its errors by path. */
export interface FormState {
  data: DraftData;
  update: Updater;
  facts: DraftFacts;
  set: CriteriaSet | null;
  /** Whether any criteria set is cached (no set then means none is in force, not "not loaded"). */
  setsLoaded?: boolean;
  /** Total, group points and band of the points that count now; null without a criteria set. */
  score: ScoreResult | null;
  readOnly: boolean;
  /** Errors to show at a field (client checks once relevant, plus the server's). */
  errorsFor: (path: string) => string[];
  assignments: readonly Assignment[];
  orgUnits: readonly OrgUnit[];
}

export const FormContext = createContext<FormState | null>(null);

export function useForm(): FormState {
  const f = useContext(FormContext);
  if (!f) throw new Error('useForm outside ReportForm');
  return f;
}
