import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// Explicit imports everywhere (no auto-imports): the same modules then run unchanged in vitest.
export default defineConfig({
  imports: false,
  manifestVersion: 3,
  vite: () => ({
    plugins: [preact({ devToolsEnabled: false, prefreshEnabled: false })],
    build: {
      target: 'chrome116', // = minimum_chrome_version (sidePanel.open)
      sourcemap: false,
      rollupOptions: {
        // shared/ is pure (schemas, domain logic, reference data: STYLE.md): modules of it that
        // nothing here uses (holiday tables, built-in criteria sets, lifecycle…) are dropped.
        // Equivalent to `"sideEffects": false` in shared/package.json.
        treeshake: { moduleSideEffects: (id: string) => !/[\\/]shared[\\/]src[\\/]/.test(id) },
      },
    },
  }),
  hooks: {
    'build:done': (wxt) => {
      if (wxt.config.command !== 'build') return;
      console.log(`\nLoad the extension from ${wxt.config.outDir}\n  chrome://extensions → Developer mode → Load unpacked\n`);
    },
  },
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'vi',
    minimum_chrome_version: '116',
    action: { default_title: '__MSG_actionTitle__' },
    permissions: ['storage', 'sidePanel', 'alarms', 'notifications', 'contextMenus'],
    // The default API address; any other one is granted at run time from the options page.
    host_permissions: ['http://127.0.0.1:8787/*', 'http://localhost:8787/*'],
    optional_host_permissions: ['http://*/*', 'https://*/*'],
  },
});
