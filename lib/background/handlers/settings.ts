import { readQuarantine, readSettings, writeSettings } from '../../storage/items';
import type { HandlersFor } from './handler-map';
import type { ToolbarPainter } from './toolbar';

/** The options page's settings and the stored data that could not be read (extension pages only). */
export function settingsHandlers(toolbar: ToolbarPainter): HandlersFor<'settings/get' | 'settings/save' | 'quarantine/list'> {
  return {
    'settings/get': () => readSettings(),
    async 'settings/save'(request) {
      await writeSettings(request.settings);
      return toolbar.afterChange(readSettings());
    },
    'quarantine/list': () => readQuarantine(),
  };
}
