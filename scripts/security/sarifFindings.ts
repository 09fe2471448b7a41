// What the security gate decides, apart from running the tool: the findings in
// electronegativity's SARIF, and which of them no `electronegativity-ok <CHECK> <why>` comment
// explains (on the finding's line or up to four lines above). Kept apart from the gate so it can
// be tested on a fixture without running electronegativity.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Finding {
  check: string;
  level: string;
  /** Relative to the scanned tree; null for the tool's global checks. */
  file: string | null;
  line: number;
  description: string;
}

export interface SarifLog {
  runs: { results: { ruleId: string; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
}

/** The findings of a SARIF log whose file URIs point into `scannedRoot`. */
export function findingsFromSarif(sarif: SarifLog, scannedRoot: string): Finding[] {
  return sarif.runs
    .flatMap((r) => r.results)
    .map((result) => {
      const where = result.locations[0]?.physicalLocation;
      const uri = where?.artifactLocation.uri ?? 'file:///';
      // Global checks have no file; the tool names them file:///.
      const file = uri === 'file:///' ? null : path.relative(scannedRoot, uri.startsWith('file://') ? fileURLToPath(uri) : uri);
      return { check: result.ruleId, level: result.level, file, line: where?.region.startLine ?? 0, description: result.message.text };
    });
}

const EXPLANATION_REACH = 4;

/** True when the source beside the finding carries an explanation for exactly its check. */
export async function isExplained(finding: Finding, sourceRoot: string): Promise<boolean> {
  if (!finding.file) return false;
  let lines: string[];
  try {
    lines = (await readFile(path.join(sourceRoot, finding.file), 'utf8')).split('\n');
  } catch {
    return false;
  }
  const from = Math.max(0, finding.line - 1 - EXPLANATION_REACH);
  return lines.slice(from, finding.line).some((l) => l.includes(`electronegativity-ok ${finding.check}`));
}

/** The findings that fail the build: every one not explained beside the code. */
export async function unexplainedFindings(findings: readonly Finding[], sourceRoot: string): Promise<Finding[]> {
  const open: Finding[] = [];
  for (const finding of findings) if (!(await isExplained(finding, sourceRoot))) open.push(finding);
  return open;
}
