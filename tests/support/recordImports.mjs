// `node --import <this file>`: writes every module the process resolves to $ZKDESK_IMPORT_LOG,
// one URL a line, so a test can see what a command loaded.
import { register } from 'node:module';

register(new URL('./recordImportsHooks.mjs', import.meta.url));
