import { ConsentGateProvider } from 'consent-gate/react';
import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { App } from './App';
import { gate } from './consent';

const container = document.getElementById('root')!;
const app = (
  <StrictMode>
    <ConsentGateProvider gate={gate}>
      <App />
    </ConsentGateProvider>
  </StrictMode>
);
// Served pre-rendered (entry-server.tsx): hydrate; served as a plain SPA: render.
// A hydration mismatch is a recoverable error: report it (the examples' test fails on any console error).
if (container.firstElementChild) hydrateRoot(container, app, { onRecoverableError: (error) => console.error('hydration:', error) });
else createRoot(container).render(app);
