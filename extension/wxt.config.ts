import preact from '@preact/preset-vite';
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

// Explicit imports everywhere (no auto-imports): the same modules then run unchanged in vitest.
export default defineConfig({
  imports: false,
  manifestVersion: 3,
  ...(process.env.DUHOP_OUT_DIR ? { outDir: process.env.DUHOP_OUT_DIR } : {}),
  vite: () => ({
    define: { 'import.meta.env.DUHOP_API_URL': JSON.stringify(packagedApi ?? '') },
    plugins: [
      preact({ devToolsEnabled: false, prefreshEnabled: false }),
      {
        name: 'report',
        generateBundle(_o: unknown, bundle: Record<string, any>) {
          const lines: string[] = [];
          for (const [f, c] of Object.entries(bundle)) {
            if (c.type !== 'chunk') continue;
            lines.push(`## ${f} imports=${c.imports.join(',')} dyn=${c.dynamicImports.join(',')}`);
            const mods = Object.entries(c.modules as Record<string, any>)
              .map(([id, m]) => [id, m.renderedLength] as const)
              .sort((a, b) => b[1] - a[1]);
            for (const [id, n] of mods)
              lines.push(
                `${n}\t${id.replace(/.*node_modules\//, 'nm/').replace('/work/wt/weight/', '')}`,
              );
          }
          require('node:fs').writeFileSync('/tmp/bundle-report.txt', lines.join('\n'));
        },
      } as any,
    ],
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
