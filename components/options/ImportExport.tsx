import { useEffect, useState } from 'preact/hooks';

/**
 * Import (a file or pasted text) and export of the pin file. An import that
 * fails changes nothing (the background parses the whole file first) and its
 * error is shown as the background words it.
 */
export function ImportExport({
  onImport,
  onExport,
}: {
  onImport: (text: string) => Promise<string | undefined>;
  onExport: () => Promise<string>;
}) {
  const [text, setText] = useState('');
  const [importError, setImportError] = useState<string | undefined>();
  const [importDone, setImportDone] = useState<string | undefined>();
  const [exported, setExported] = useState<string | undefined>();
  const [exportError, setExportError] = useState<string | undefined>();
  const [downloadUrl, setDownloadUrl] = useState<string | undefined>();

  // Each export makes a new Blob URL; the previous one is released.
  useEffect(() => {
    if (!downloadUrl) return;
    return () => URL.revokeObjectURL(downloadUrl);
  }, [downloadUrl]);

  const runImport = async (input: string) => {
    setImportDone(undefined);
    setImportError(undefined);
    if (input.trim() === '') {
      setImportError('Choose a file or paste an exported pin file first.');
      return;
    }
    const failure = await onImport(input);
    if (failure) setImportError(failure);
    else {
      setImportDone('Imported. The pins below now include the file\u2019s pins.');
      setText('');
    }
  };

  const onFile = async (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    if (file.size > 1_000_000) {
      setImportError('That file is larger than 1 MB; a pin file is much smaller.');
      return;
    }
    const content = await file.text();
    input.value = '';
    await runImport(content);
  };

  const runExport = async () => {
    setExportError(undefined);
    try {
      const json = await onExport();
      setExported(json);
      setDownloadUrl(URL.createObjectURL(new Blob([json], { type: 'application/json' })));
    } catch (e) {
      setExportError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <section class="import-export" aria-labelledby="io-heading">
      <h2 id="io-heading">Import and export</h2>
      <div class="form-row">
        <label for="import-file">Import a pin file</label>
        <input id="import-file" type="file" accept="application/json,.json" onChange={onFile} aria-describedby="import-status" />
      </div>
      <div class="form-row">
        <label for="import-text">Or paste a pin file</label>
        <textarea id="import-text" rows={6} spellcheck={false} value={text} onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)} aria-describedby="import-status" />
      </div>
      <div class="actions">
        <button type="button" onClick={() => runImport(text)}>
          Import pasted pins
        </button>
      </div>
      <div id="import-status">
        {importError ? (
          <p class="field-error" role="alert" data-error-for="import">
            {importError} Nothing was changed.
          </p>
        ) : null}
        {importDone ? (
          <p class="ok-text" role="status">
            {importDone}
          </p>
        ) : null}
      </div>

      <div class="actions">
        <button type="button" onClick={runExport}>
          Export pins
        </button>
        {downloadUrl ? (
          <a href={downloadUrl} download="provenant-pins.json">
            Download provenant-pins.json
          </a>
        ) : null}
      </div>
      {exportError ? (
        <p class="field-error" role="alert">
          {exportError}
        </p>
      ) : null}
      {exported !== undefined ? (
        <div class="form-row">
          <label for="export-text">Exported pins</label>
          <textarea id="export-text" rows={8} readOnly spellcheck={false} value={exported} />
        </div>
      ) : null}
    </section>
  );
}
