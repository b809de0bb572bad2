import { changeSettings, readQuarantine, readSettings } from '../../storage/items';
import type { HandlersFor } from './handler-map';
import type { ToolbarPainter } from './toolbar';

/** The options page's settings and the stored data that could not be read (extension pages only). */
export function settingsHandlers(toolbar: ToolbarPainter): HandlersFor<'settings/get' | 'settings/save' | 'quarantine/list'> {
  return {
    'settings/get': () => readSettings(),
    async 'settings/save'(request) {
      // The registries that are on change only through registries/set (with their grants), never with the other settings.
      const { registriesOn: _ignored, ...asked } = request.settings;
      await changeSettings(({ registriesOn }) => ({ ...asked, ...(registriesOn ? { registriesOn } : {}) }));
      return toolbar.afterChange(readSettings());
    },
    'quarantine/list': () => readQuarantine(),
  };
}
