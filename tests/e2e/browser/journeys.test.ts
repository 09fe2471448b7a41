// The user journeys in Debian's Chromium against a real `zkdesk serve` (real services, real
// worker processes proving real circuits), each screen audited by axe-core and photographed
// into test-results/screenshots/.
import { afterAll, beforeAll, describe } from 'vitest';
import { openServedPage, type ServedPage } from '../support/servedPage.js';
import { startServe, type ServeProcess } from '../support/zkdeskServe.js';
import { journeyTests } from '../support/journeyTests.js';

describe('zkdesk in a browser (zkdesk serve)', () => {
  let serve: ServeProcess;
  let served: ServedPage;

  beforeAll(async () => {
    serve = await startServe();
    // Console errors count as page errors: a CSP refusal, and the missing favicon every page load once logged.
    served = await openServedPage(serve, { colorScheme: 'light' });
  });

  afterAll(async () => {
    await served?.browser.close();
    await serve?.stop();
  });

  journeyTests(() => served.target, () => served.pageErrors);
});
