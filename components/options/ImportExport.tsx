import { useEffect, useState } from 'preact/hooks';
import type { PinExportFormat, PinFileFormat } from './options-api';

/** Each export: its words, file name and type (docs/pins-for-other-tools.md says what maps). */
const EXPORTS: Record<PinExportFormat, { button: string; file: string; type: string }> = {
  provenant: { button: 'Export pins', file: 'provenant-pins.json', type: 'application/json' },
  pep751: { button: 'Export PyPI pins as PEP 751 attestation identities', file: 'attestation-identities.pylock.toml', type: 'application/toml' },
  pnpm: { button: 'Export npm pins for pnpm (trustPolicy)', file: 'pnpm-workspace.trust.yaml', type: 'application/yaml' },
};

/**
 * Import (a file or pasted text) and export of the pin file. An import that
 * fails changes nothing (the background parses the whole file first) and its
 * error is shown as the background words it.
 */
export function ImportExport({
  onImport,
  onExport,
}: {
  onImport: (text: string, format: PinFileFormat) => Promise<string | undefined>;
  onExport: (format: PinExportFormat) => Promise<string>;
}) {
  const [text, setText] = useState('');
  const [format, setFormat] = useState<PinFileFormat>('provenant');
  const [exportedAs, setExportedAs] = useState<PinExportFormat>('provenant');
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
    const failure = await onImport(input, format);
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

  const runExport = async (as: PinExportFormat) => {
    setExportError(undefined);
    try {
      const content = await onExport(as);
      setExported(content);
      setExportedAs(as);
      setDownloadUrl(URL.createObjectURL(new Blob([content], { type: EXPORTS[as].type })));
    } catch (e) {
      setExportError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <section class="import-export" aria-labelledby="io-heading">
      <h2 id="io-heading">Import and export</h2>
      <div class="form-row">
        <label for="import-format">File format</label>
        <select id="import-format" value={format} onChange={(e) => setFormat((e.currentTarget as HTMLSelectElement).value as PinFileFormat)}>
          <option value="provenant">Provenant pin file (JSON)</option>
          <option value="pep751">PEP 751 attestation identities (pylock.toml, PyPI)</option>
        </select>
      </div>
      <div class="form-row">
        <label for="import-file">Import a pin file</label>
        <input id="import-file" type="file" accept={format === 'pep751' ? '.toml' : 'application/json,.json'} onChange={onFile} aria-describedby="import-status" />
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
        {(Object.keys(EXPORTS) as PinExportFormat[]).map((as) => (
          <button type="button" key={as} onClick={() => runExport(as)} data-export-format={as}>
            {EXPORTS[as].button}
          </button>
        ))}
        {downloadUrl ? (
          <a href={downloadUrl} download={EXPORTS[exportedAs].file}>
            Download {EXPORTS[exportedAs].file}
          </a>
        ) : null}
      </div>
      <p class="hint">
        PEP 751 lock files and pnpm cannot say everything a pin says: numeric ids and ref patterns have no place in a
        lock file, and pnpm checks only that trust evidence never gets weaker. What each export keeps is written in the
        exported file.
      </p>
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
