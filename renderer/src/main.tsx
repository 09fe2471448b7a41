// Entry: reads the place from the URL, then mounts the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './app/app.css';
import { App } from './app/App.js';
import { useAppStore } from './stores/appStore.js';
import { parseRoute } from './app/route.js';
import { reportWebGpu } from './platform/reportWebGpu.js';

useAppStore.getState().applyRoute(parseRoute(window.location.hash));
// Best effort and off the critical path: the profile simply lacks the WebGPU line if this fails.
void reportWebGpu().catch(() => {});

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
