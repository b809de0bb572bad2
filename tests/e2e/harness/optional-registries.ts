/**
 * Optional registries in a real browser. Chromium's `permissions.request`
 * prompt cannot be answered from automation (Chromium 156: the click leaves it
 * open; no switch or DevTools command answers it; chrome://extensions'
 * addHostPermission does not grant an optional host). So suites and the
 * headless demo load a copy of the build whose manifest lists the registries'
 * hosts as granted at install: `permissions.request` then resolves true at
 * once, as for any host already granted, and everything after it is the
 * shipped code. The copy is made from the real build; nothing else changes.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { REGISTRY_PAGES } from '../../../lib/registries/pages';
import { registryOrigins } from '../../../lib/registries/optional';
import { extensionPathFor } from './browser';

/** A copy of the build (default .output/chrome-mv3) with these optional registries' hosts granted at install; the caller removes it. */
export function pregrantedExtensionCopy(ecosystems: readonly string[], from = extensionPathFor()): string {
  const origins = REGISTRY_PAGES.filter((p) => ecosystems.includes(p.ecosystem)).flatMap(registryOrigins);
  const dir = mkdtempSync(join(tmpdir(), 'provenant-pregranted-'));
  cpSync(from, dir, { recursive: true });
  const file = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { host_permissions: string[]; optional_host_permissions: string[] };
  for (const o of origins) if (!manifest.optional_host_permissions.includes(o)) throw new Error(`${o} is not an optional host of the build`);
  manifest.host_permissions = [...manifest.host_permissions, ...origins];
  manifest.optional_host_permissions = manifest.optional_host_permissions.filter((p) => !origins.includes(p));
  writeFileSync(file, JSON.stringify(manifest));
  return dir;
}

/** Turns a registry on the way a person does: its switch in the options page. */
export async function turnOnInOptions(context: BrowserContext, optionsUrl: string, ecosystem: string): Promise<void> {
  const options = await context.newPage();
  try {
    await options.goto(optionsUrl);
    const box = options.locator(`[data-registry="${ecosystem}"]`);
    await box.waitFor();
    if (!(await box.isChecked())) await box.click();
    await options.waitForFunction((id) => {
      const input = document.querySelector<HTMLInputElement>(`[data-registry="${id}"]`);
      return !!input?.checked && !input.disabled;
    }, ecosystem, { timeout: 10_000 });
  } finally {
    await options.close();
  }
}
