// The workspace's dictionaries first: registered before any component renders.
import '../../utils/i18n/messages-workspace.ts';
import { render } from 'preact';
import { AppRoot } from '../../components/app-root.tsx';
import { WorkspaceApp } from '../../components/workspace/workspace-app.tsx';
import '../../components/styles.css';

render(
  <AppRoot>
    <WorkspaceApp />
  </AppRoot>,
  document.getElementById('app')!,
);
