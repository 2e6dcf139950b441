import preact from '@preact/preset-vite';
import type { PluginOption } from 'vite';
import { defineConfig } from 'wxt';

// `npm run package` (scripts/package-extension.mjs) builds for one server: its address becomes the
// default and the only host permission, and the public key pins the extension id so an unpacked
// load of the same build has the id of the signed CRX. Without them: the local demo build.
const packagedApi = process.env.DUHOP_API_URL
  ? new URL(process.env.DUHOP_API_URL).origin
  : undefined;
const packagedKey = process.env.DUHOP_EXTENSION_KEY || undefined;
const apiHosts = packagedApi
  ? [`${packagedApi}/*`]
  : ['http://127.0.0.1:8787/*', 'http://localhost:8787/*'];

/**
 * zod and Dexie each in a chunk of their own, so a page loads them only where it uses them (left
 * to itself, rolldown merges them with unrelated shared modules: zod came with the calendar, so
 * the side panel's home loaded zod for a date helper). Not for the background, one file with no
 * code splitting.
 */
function vendorChunks(): PluginOption {
  return {
    name: 'duhop-vendor-chunks',
    outputOptions(out) {
      if (out.codeSplitting === false || out.inlineDynamicImports || out.format === 'iife') return;
      return {
        ...out,
        codeSplitting: {
          groups: [
            { name: 'zod', test: /[\\/]node_modules[\\/]zod[\\/]/ },
            { name: 'dexie', test: /[\\/]node_modules[\\/]dexie[\\/]/ },
          ],
        },
      };
    },
  };
}

// Explicit imports everywhere (no auto-imports): the same modules then run unchanged in vitest.
export default defineConfig({
  imports: false,
  manifestVersion: 3,
  ...(process.env.DUHOP_OUT_DIR ? { outDir: process.env.DUHOP_OUT_DIR } : {}),
  vite: () => ({
    define: { 'import.meta.env.DUHOP_API_URL': JSON.stringify(packagedApi ?? '') },
    plugins: [vendorChunks(), preact({ devToolsEnabled: false, prefreshEnabled: false })],
    build: {
      target: 'chrome116', // = minimum_chrome_version (sidePanel.open)
      sourcemap: false,
      // Chrome 116 has <link rel="modulepreload">: no polyfill in every page.
      modulePreload: { polyfill: false },
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
      console.log(
        `\nLoad the extension from ${wxt.config.outDir}\n  chrome://extensions → Developer mode → Load unpacked\n`,
      );
    },
  },
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'vi',
    minimum_chrome_version: '116',
    action: { default_title: '__MSG_actionTitle__' },
    permissions: ['storage', 'sidePanel', 'alarms', 'notifications', 'contextMenus'],
    // The default API address; any other one is granted at run time from the options page
    // (only https, or http on this computer: utils/api-address.ts).
    host_permissions: apiHosts,
    optional_host_permissions: ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'],
    // An organisation can set the API address by policy (docs/extension-distribution.md).
    storage: { managed_schema: 'managed_schema.json' },
    ...(packagedKey ? { key: packagedKey } : {}),
  },
});
