// Mounts one Custom UI app: ADS base styles, the host product's theme (light or dark) through design tokens.
import '@atlaskit/css-reset';
import { view } from '@forge/bridge';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';

export function mount(app: ReactNode): void {
  void view.theme.enable().catch(() => undefined);
  const element = document.getElementById('root');
  if (!element) throw new Error('index.html has no #root element');
  createRoot(element).render(<StrictMode>{app}</StrictMode>);
}
