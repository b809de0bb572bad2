import type { HandlerDeps, HandlersFor } from './handler-map';
import type { ToolbarPainter } from './toolbar';

/**
 * The options page's registry switches (extension pages only: the router
 * checks the sender). A switch repaints every tab's toolbar and badge: a tab
 * of a registry turned off must stop showing its verdict at once.
 */
export function registryHandlers(deps: Pick<HandlerDeps, 'optionalRegistries'>, toolbar: Pick<ToolbarPainter, 'afterChange'>): HandlersFor<'registries/list' | 'registries/set'> {
  return {
    'registries/list': async () => (deps.optionalRegistries ? deps.optionalRegistries.states() : []),
    async 'registries/set'(request) {
      if (!deps.optionalRegistries) return [];
      return toolbar.afterChange(deps.optionalRegistries.set(request.ecosystem, request.on));
    },
  };
}
