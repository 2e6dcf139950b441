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
