import { render } from 'preact';
import { AppRoot } from '../../components/app-root.tsx';
import { OptionsApp } from '../../components/options/options-app.tsx';
import '../../components/styles.css';

render(
  <AppRoot>
    <OptionsApp />
  </AppRoot>,
  document.getElementById('app')!,
);
