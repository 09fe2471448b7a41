// The journeys every host must pass, declared once: the browser (zkdesk serve) and the Electron
// shell register the same list against their own target.
import { it } from 'vitest';
import * as journeys from './journeys.js';
import * as desktop from './desktopJourneys.js';

export function journeyTests(target: () => journeys.JourneyTarget, pageErrors: () => string[]): void {
  it('opens the app with first-run guidance that stays dismissed', () => journeys.openTheApp(target()));
  it('works from the keyboard alone: skip link, Tab to the navigation, Enter, focus on the view heading', () => journeys.keyboardOnly(target()));
  it('shows the profile, the verdict and the warnings with their evidence', () => journeys.seeProfileAndWarnings(target()));
  it("opens a warning's article at the summary, goes to expert depth, and remembers it across a reload", () => journeys.readWarningArticleToExpertDepth(target()));
  it('searches help, typos included', () => journeys.searchHelp(target()));
  it('proves a bundled circuit and shows it verified', () => journeys.proveBundledCircuit(target()));
  it('cancels a long proof', () => journeys.cancelLongProof(target()));
  it('calibrates from the Prove view and then shows the estimate', () => journeys.calibrateFromProve(target()));
  it('asks before a proof predicted to take longer than the limit in Settings', () => journeys.askBeforeLongProof(target()));
  it('loads the input from a file, and explains malformed JSON typed or loaded', () => journeys.loadInputFromFile(target()));
  it('lays the Prove page out for the task at 1280×800, focuses the result and copies and saves the proof files', () => desktop.proveLaidOutForTheTask(target()));
  it('names the input behind a failed constraint, and shows the failed step as failed', () => desktop.constraintFailureNamesInput(target()));
  it("keeps calibration's proofs apart from the user's, labelled, and each proof's prediction with it", () => desktop.calibrationKeptApart(target()));
  it('shows predicted versus measured', () => journeys.benchmarksScreen(target()));
  it('previews a bundle, writes it without the unticked section, and finds the zip on disk', () => journeys.previewAndWriteBundle(target()));
  it('sends feedback to the address set in Settings, a real HTTP server', () => journeys.sendFeedbackToEndpoint(target()));
  it('switches the update channel and keeps it', () => journeys.switchUpdateChannel(target()));
  it('chooses another data directory for the next start, with the settings carried over', () => journeys.chooseDataDirectory(target()));
  it('leaves no dead ends: the guide comes back, focus follows, narrow windows, unbuilt circuits, no 404s', () => desktop.noDeadEnds(target()));
  it('passes axe-core on every screen in the dark theme, and follows the system theme', () => journeys.everyScreenInDark(target()));
  it('raised no page errors (CSP refusals included)', ({ expect }) => expect(pageErrors()).toEqual([]));
}
