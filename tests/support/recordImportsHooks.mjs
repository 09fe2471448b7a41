// The resolve hook for recordImports.mjs (module hooks run on their own thread).
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (process.env.ZKDESK_IMPORT_LOG) appendFileSync(process.env.ZKDESK_IMPORT_LOG, `${resolved.url}\n`);
  return resolved;
}
