import type { HandlerDeps, HandlersFor } from './handler-map';

/** The options page's registry switches (extension pages only: the router checks the sender). */
export function registryHandlers(deps: Pick<HandlerDeps, 'optionalRegistries'>): HandlersFor<'registries/list' | 'registries/set'> {
  return {
    'registries/list': async () => (deps.optionalRegistries ? deps.optionalRegistries.states() : []),
    async 'registries/set'(request) {
      if (!deps.optionalRegistries) return [];
      return deps.optionalRegistries.set(request.ecosystem, request.on);
    },
  };
}
