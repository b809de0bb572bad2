import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../lib/background/handlers';
import type { HandlerMap, HandlersFor } from '../../lib/background/handlers/handler-map';
import { responseSchemas } from '../../lib/messages/protocol';

/**
 * The handler map's types are its contract: `npx tsc --noEmit` (part of
 * `npm test`) fails if any `@ts-expect-error` below stops being an error,
 * i.e. if a handler could answer a shape its response schema does not
 * describe, or a request kind could go without a handler.
 */
const answersTheWrongShape: HandlersFor<'pins/export' | 'details/open' | 'tab/get'> = {
  // @ts-expect-error pins/export answers the file's text, not a list of pins
  'pins/export': async () => [],
  // @ts-expect-error details/open says whether the popup opened, as a boolean
  'details/open': async () => ({ opened: 'yes' }),
  // @ts-expect-error a tab's state always says whether it is pending
  'tab/get': async (request) => ({ tabId: request.tabId }),
};

// @ts-expect-error every request kind has a handler: one missing is an error
const missingAKind: HandlerMap = { ...({} as Omit<HandlerMap, 'quarantine/list'>) };

// @ts-expect-error a handler gets its own kind of request: pins/save has no tabId
const readsAnotherKind: HandlersFor<'pins/save'> = { 'pins/save': async (request) => [request.tabId] };

describe('the handler map', () => {
  it('the wrongly typed maps above are still only types here', () => {
    expect(Object.keys(answersTheWrongShape)).toEqual(['pins/export', 'details/open', 'tab/get']);
    expect(missingAKind).toEqual({});
    expect(Object.keys(readsAnotherKind)).toEqual(['pins/save']);
  });

  it('has one handler for every request kind of the protocol', () => {
    const handlers = createHandlers({} as never);
    // responseSchemas `satisfies Record<RequestType, …>`: its keys are exactly the request kinds.
    const kinds = Object.keys(responseSchemas).sort();
    expect(Object.keys(handlers).sort()).toEqual(kinds);
    for (const kind of kinds) expect(typeof handlers[kind as keyof HandlerMap]).toBe('function');
  });
});
