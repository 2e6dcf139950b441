import { adminEn } from './admin-en.ts';
import { checkEn } from './check-en.ts';
import { emailEn } from './email-en.ts';
import { en } from './en.ts';
import { panelEn } from './panel-en.ts';
import { presenceEn } from './presence-en.ts';
import { reportEn } from './report-en.ts';
import { synthesisEn } from './synthesis-en.ts';
import { residenceEn } from './residence-en.ts';
import { addMessages } from './translate.ts';
import { triageEn } from './triage-en.ts';
import { webhookEn } from './webhook-en.ts';
import { yearEn } from './year-en.ts';

/**
 * Every English text (core and every surface's) in one chunk, loaded only when the interface is
 * in English (`loadLocale`). A new English dictionary file is added here.
 */
export function registerEnglish(): void {
  addMessages('en', {
    ...en,
    ...panelEn,
    ...reportEn,
    ...triageEn,
    ...synthesisEn,
    ...yearEn,
    ...adminEn,
    ...residenceEn,
    ...presenceEn,
    ...emailEn,
    ...checkEn,
    ...webhookEn,
  });
}
