import { checkVi } from './check-vi.ts';
import { panelVi } from './panel-vi.ts';
import { reportVi } from './report-vi.ts';
import { synthesisVi } from './synthesis-vi.ts';
import { addMessages } from './translate.ts';
import { triageVi } from './triage-vi.ts';
import { yearVi } from './year-vi.ts';

// The side panel's texts beyond vi.ts (imported first by entrypoints/sidepanel/main.tsx): its own
// (panel-vi.ts: what waits on the member, the server address at sign-in), the report form,
// confirmation and view (report-vi.ts), my issues
// and their actions (triage-vi.ts), deadline reminders and exports (synthesis-vi.ts), my year
// (year-vi.ts). Not the administration pages' (admin-vi.ts).
addMessages('vi', { ...checkVi, ...panelVi, ...reportVi, ...triageVi, ...synthesisVi, ...yearVi });
