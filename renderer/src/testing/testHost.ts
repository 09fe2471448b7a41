// The fake host the renderer's unit tests talk to, installed as window.zkdesk before any slice
// module reads it (renderer/src/api/zkdesk.ts resolves the api once, at import).
import { buildApiObject, createFakeHost } from './fakeHost.js';

const { host, transport } = createFakeHost();
window.zkdesk = buildApiObject(transport);

export const testHost = host;
