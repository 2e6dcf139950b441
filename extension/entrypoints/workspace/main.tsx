// The workspace's dictionaries first: registered before any component renders.
import '../../utils/i18n/messages-workspace.ts';
import { render } from 'preact';
import { AppRoot } from '../../components/app-root.tsx';
import { WorkspaceApp } from '../../components/workspace/workspace-app.tsx';
import '../../components/styles.css';
import { sendMessage } from '../../utils/messaging.ts';

render(
  <AppRoot>
    <WorkspaceApp />
  </AppRoot>,
  document.getElementById('app')!,
);

// The badge's count of the body's new and soon-overdue issues is brought up to date on opening.
void sendMessage('staff-inbox/poll', {});
