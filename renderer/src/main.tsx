// Entry: mounts the app. (The UI itself is built in renderer/src/app and features/.)
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { zkdesk } from './api/zkdesk.js';

function Boot() {
  return <p>zkdesk</p>;
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><Boot /></StrictMode>);
void zkdesk.app.info();
