import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detailsPanelApi, PANEL_GLOBAL, PANEL_ID } from '../../lib/content/details-panel-api';
import { installDetailsPanel } from '../../components/badge/install-details-panel';
import type { Request } from '../../lib/messages/protocol';
import { click, installDom, settle, uninstallDom, until } from '../ui/dom';

const identity = {
  publisherKind: 'github',
  issuer: 'https://gitlab.com',
  repositoryUrl: 'https://gitlab.com/group/project',
  workflowPath: '.gitlab-ci.yml',
  commit: 'a'.repeat(40),
  runInvocationUri: 'https://gitlab.com/group/project/-/jobs/42',
};
const verdict = {
  status: 'verified',
  pinDifferences: [],
  actualIdentity: identity,
  report: { ecosystem: 'pypi', package: 'project', version: '1.0', status: 'verified', checkedAt: '2026-12-06T07:00:00.000Z', identity, artifacts: [] },
};
const page = { ecosystem: 'pypi' as const, package: 'project', version: '1.0' };

let dom: ReturnType<typeof installDom>;
beforeEach(() => {
  dom = installDom();
});
afterEach(uninstallDom);

describe('the injected details panel', () => {
  it('installs once, frozen, and is found by the badge', () => {
    const scope: Record<string, unknown> = {};
    expect(detailsPanelApi(scope)).toBeUndefined();
    installDetailsPanel(scope);
    const api = detailsPanelApi(scope)!;
    expect(api).toBeDefined();
    installDetailsPanel(scope);
    expect(detailsPanelApi(scope)).toBe(api);
    expect(() => {
      scope[PANEL_GLOBAL] = { open() {}, close() {} };
    }).toThrow();
    // Anything that is not the panel's API is not taken for it.
    expect(detailsPanelApi({ [PANEL_GLOBAL]: { open: 1 } })).toBeUndefined();
  });

  it('shows loading, then the verdict from verdict/get and history/get; close empties the slot', async () => {
    const scope: Record<string, unknown> = {};
    installDetailsPanel(scope);
    const api = detailsPanelApi(scope)!;
    const slot = dom.document.createElement('div') as unknown as HTMLElement;
    dom.document.body.appendChild(slot as never);
    const asked: string[] = [];
    let closed = 0;
    let answer!: (v: unknown) => void;
    api.open(slot, {
      page,
      status: 'verified',
      packageLabel: 'project 1.0',
      onClose: () => void closed++,
      sendMessage: (m: Request) => {
        asked.push(m.type);
        if (m.type === 'history/get') return Promise.resolve({ ok: true, value: { version: '1.0', entries: [], acknowledged: [], alerts: [] } });
        return new Promise((r) => (answer = r));
      },
    });
    const panel = slot.querySelector(`#${PANEL_ID}`)!;
    expect(panel.getAttribute('role')).toBe('dialog');
    expect(panel.getAttribute('aria-label')).toBe('Provenant: project 1.0');
    expect(slot.textContent).toContain('Loading');
    // Its stylesheet travels with it (vitest serves CSS as empty text; the e2e suites see it applied).
    expect(slot.querySelector('style')).not.toBeNull();
    answer({ ok: true, value: verdict });
    await until(() => slot.querySelector('[data-meaning]'));
    expect(asked).toEqual(['verdict/get', 'history/get']);
    expect(slot.querySelector('[data-meaning]')!.textContent).toContain('Built by group/project with .gitlab-ci.yml from commit aaaaaaa');
    expect(slot.querySelector('[data-field="issuer"]')!.textContent).toBe('GitLab');
    expect(slot.querySelector('[data-field="run"] a')!.getAttribute('href')).toBe('https://gitlab.com/group/project/-/jobs/42');
    await click(slot.querySelector('.pv-close'), dom);
    expect(closed).toBe(1);
    api.close(slot);
    await settle();
    expect(slot.innerHTML).toBe('');
  });

  it('an answer that arrives after the panel closed is not drawn', async () => {
    const scope: Record<string, unknown> = {};
    installDetailsPanel(scope);
    const api = detailsPanelApi(scope)!;
    const slot = dom.document.createElement('div') as unknown as HTMLElement;
    let answer!: (v: unknown) => void;
    api.open(slot, { page, status: 'pending', packageLabel: 'project', onClose: () => {}, sendMessage: () => new Promise((r) => (answer = r)) });
    api.close(slot);
    answer({ ok: true, value: verdict });
    await settle();
    expect(slot.innerHTML).toBe('');
  });

  it('says why when the verdict cannot be read', async () => {
    const scope: Record<string, unknown> = {};
    installDetailsPanel(scope);
    const slot = dom.document.createElement('div') as unknown as HTMLElement;
    detailsPanelApi(scope)!.open(slot, { page, status: 'error', packageLabel: 'project', onClose: () => {}, sendMessage: async () => ({ ok: true, value: { status: 'nonsense' } }) });
    await until(() => slot.querySelector('[role="alert"]'));
    expect(slot.querySelector('[role="alert"]')!.textContent).toBe('Could not load the details: malformed verdict');
  });
});
