import { adminVi } from './admin-vi.ts';
import { presenceVi } from './presence-vi.ts';
import { reportVi } from './report-vi.ts';
import { synthesisVi } from './synthesis-vi.ts';
import { residenceVi } from './residence-vi.ts';
import { addMessages } from './translate.ts';
import { triageVi } from './triage-vi.ts';
import { webhookVi } from './webhook-vi.ts';
import { yearVi } from './year-vi.ts';

// The workspace's texts beyond vi.ts (imported first by entrypoints/workspace/main.tsx): every
// surface dictionary.
addMessages('vi', {
  ...reportVi,
  ...triageVi,
  ...synthesisVi,
  ...yearVi,
  ...adminVi,
  ...residenceVi,
  ...presenceVi,
  ...webhookVi,
});
