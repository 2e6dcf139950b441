// The panel's dictionaries first: registered before any component renders.
import '../../utils/i18n/messages-panel.ts';
import { render } from 'preact';
import { AppRoot } from '../../components/app-root.tsx';
import { PanelApp } from '../../components/sidepanel/panel-app.tsx';
import '../../components/styles.css';

render(
  <AppRoot>
    <PanelApp />
  </AppRoot>,
  document.getElementById('app')!,
);
