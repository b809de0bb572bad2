import { ackHandlers } from './acks';
import { githubTokenHandlers } from './github-token';
import type { HandlerDeps, HandlerMap } from './handler-map';
import { pinHandlers } from './pins';
import { registryHandlers } from './registries';
import { settingsHandlers } from './settings';
import { tabRecords, tabStateHandlers } from './tab-state';
import { toolbarHandlers, toolbarPainter } from './toolbar';
import { trustHandlers } from './trust';
import { verdictHandlers } from './verdict';

/** Every request kind's handler, by concern; the router checks the sender before any of them runs. */
export function createHandlers(deps: HandlerDeps): HandlerMap {
  const tabs = tabRecords(deps);
  const toolbar = toolbarPainter(deps, tabs);
  return {
    ...verdictHandlers(deps, tabs, toolbar),
    ...tabStateHandlers(tabs),
    ...pinHandlers(deps, tabs, toolbar),
    ...ackHandlers(),
    ...settingsHandlers(toolbar),
    ...trustHandlers(deps),
    ...toolbarHandlers(deps),
    ...githubTokenHandlers(),
    ...registryHandlers(deps, toolbar),
  };
}
