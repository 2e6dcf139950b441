import { synthesisVi } from './synthesis-vi.ts';
import { addMessages } from './translate.ts';
import { triageVi } from './triage-vi.ts';
import { yearVi } from './year-vi.ts';

// The side panel's texts beyond vi.ts (imported first by entrypoints/sidepanel/main.tsx): my issues
// and their actions (triage-vi.ts), deadline reminders and exports (synthesis-vi.ts), my year
// (year-vi.ts). Not the administration pages' (admin-vi.ts).
addMessages('vi', { ...triageVi, ...synthesisVi, ...yearVi });
