// Pages import from here; the service worker imports translate.ts directly (no Preact in it).
export * from './translate.ts';
export * from './context.ts';
export * from './field-messages.ts';
