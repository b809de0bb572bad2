import { config } from 'zod/mini';
import { englishIssueMessage } from './zod-messages';

/**
 * zod's functional `zod/mini` API, the one schema vocabulary of Provenant:
 * `import * as z from '../zod'`. Unlike classic `z.string().min(1)` chains,
 * whose methods keep the whole library alive, only the functions a schema
 * calls end up in a bundle.
 *
 * zod/mini registers no locale, so every issue would read "Invalid input";
 * English messages are registered here, once, before any schema parses, so
 * messages (shown in the options page's pin form and in report details) stay
 * the ones classic zod gives (lib/zod-messages.ts, instead of zod's whole
 * English locale).
 */
config({ localeError: englishIssueMessage });

export * from 'zod/mini';
