// The licence gate's reading of SPDX expressions: a shipped package passes only with a licence GPL-3.0 can carry.
import { describe, expect, it } from 'vitest';
import { licenceAllowed } from '../../../scripts/security/dependencyCheck.js';

describe('licences GPL-3.0 can carry', () => {
  it.each(['MIT', 'ISC', 'Apache-2.0', 'BSD-3-Clause', '(MPL-2.0 OR Apache-2.0)', 'GPL-3.0', 'LGPL-3.0+', '(MIT AND Zlib)', 'BlueOak-1.0.0'])('%s passes', (licence) => {
    expect(licenceAllowed(licence)).toBe(true);
  });
  it.each(['GPL-2.0-only', 'SSPL-1.0', 'BUSL-1.1', 'UNLICENSED', 'CC-BY-NC-4.0', '(MIT AND SSPL-1.0)', 'AGPL-3.0 OR SSPL-1.0', 'SEE LICENSE IN LICENSE'])('%s fails', (licence) => {
    expect(licenceAllowed(licence)).toBe(false);
  });
});
