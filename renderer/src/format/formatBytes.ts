// Bytes the way people read them (binary units), shared with the CLI so both say the same.
export { formatBytes } from '../../../common/format/byteUnits.js';
