import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { badgeStatusSchema } from '../../lib/policy/verdict';
import { TOOLBAR, toolbarLook } from '../../lib/background/toolbar';
import { MARK_ICONS, TOOLBAR_ICONS, toolbarIconPaths, type ToolbarIcon } from '../../lib/background/toolbar-icons';
import { alertKindSchema } from '../../lib/history/alerts';
import { alertLevel, highestAlertLevel } from '../../lib/policy/status';
import { siteAccessToolbar } from '../../lib/net/site-access';

const STATUSES = badgeStatusSchema.options;
const ROOT = join(import.meta.dirname, '../..');

describe('the toolbar look of every state', () => {
  it('gives every verdict status its own icon, named after it', () => {
    for (const s of STATUSES) expect(toolbarLook(s).icon).toBe(s);
    expect(new Set(STATUSES.map((s) => toolbarLook(s).icon)).size).toBe(STATUSES.length);
  });

  it('gives the two alert levels, OFF and the default their own icons, none shared with a status', () => {
    const looks: ToolbarIcon[] = [
      ...STATUSES.map((s) => toolbarLook(s).icon),
      toolbarLook('verified', ['provenance-lost']).icon,
      toolbarLook('verified', ['self-hosted-runner']).icon,
      siteAccessToolbar(['https://pypi.org/*']).icon,
      siteAccessToolbar([]).icon,
    ];
    expect(looks.slice(STATUSES.length)).toEqual(['alert', 'caution', 'off', 'default']);
    expect(new Set(looks).size).toBe(looks.length);
    expect([...looks].sort()).toEqual([...TOOLBAR_ICONS].sort());
  });

  it.each(['provenance-lost', 'publisher-changed'])('a verified release with a high alert (%s) takes the alert icon, red, never the plain verified look', (kind) => {
    const look = toolbarLook('verified', [kind]);
    expect(look).toMatchObject({ icon: 'alert', text: '!', color: '#b3261e' });
    expect(look.icon).not.toBe(TOOLBAR.verified.icon);
    expect(look.title).toBe(`${TOOLBAR.verified.title} \u2014 ALERT: ${kind}`);
  });

  it('a medium alert (self-hosted runner) is amber with its own icon, and the highest alert decides', () => {
    expect(toolbarLook('verified', ['self-hosted-runner'])).toMatchObject({ icon: 'caution', text: '!', color: '#8a5a00' });
    expect(toolbarLook('partial', ['self-hosted-runner', 'publisher-changed']).icon).toBe('alert');
    expect(toolbarLook('absent', ['provenance-lost']).icon).toBe('alert');
  });

  it('a medium alert does not tone down a failure or a pin mismatch', () => {
    expect(toolbarLook('failed', ['self-hosted-runner'])).toEqual(TOOLBAR.failed);
    expect(toolbarLook('mismatch', ['self-hosted-runner'])).toEqual(TOOLBAR.mismatch);
    expect(toolbarLook('failed', ['provenance-lost']).icon).toBe('alert');
  });

  it('the alerts\' own level decides when the history gives it: a workflow-only publisher change is medium (amber), a new repository high', () => {
    expect(toolbarLook('verified', ['publisher-changed'], 'medium').icon).toBe('caution');
    expect(toolbarLook('verified', ['publisher-changed'], 'high').icon).toBe('alert');
    // Without a level (a tab stored before levels), the kind alone decides, on the loud side.
    expect(toolbarLook('verified', ['publisher-changed']).icon).toBe('alert');
    // A level without alerts changes nothing.
    expect(toolbarLook('verified', [], 'high').icon).toBe('verified');
  });

  it('no alerts: the status look as it is', () => {
    for (const s of STATUSES) expect(toolbarLook(s, [])).toEqual(TOOLBAR[s]);
  });
});

describe('alert levels', () => {
  it('follow the VERDICTS table for every known kind', () => {
    const levels = Object.fromEntries(alertKindSchema.options.map((k) => [k, alertLevel(k)]));
    expect(levels).toEqual({ 'provenance-lost': 'high', 'publisher-changed': 'high', 'self-hosted-runner': 'medium', 'registry-disagrees': 'high' });
  });

  it('take an unknown kind as high, and report none for no alerts', () => {
    expect(alertLevel('an-alert-of-a-later-release')).toBe('high');
    expect(highestAlertLevel([])).toBeUndefined();
    expect(highestAlertLevel(['self-hosted-runner'])).toBe('medium');
    expect(highestAlertLevel(['self-hosted-runner', 'provenance-lost'])).toBe('high');
  });
});

describe('icon files', () => {
  it('has one status SVG per toolbar icon, the default being the mark itself', () => {
    const drawn = readdirSync(join(ROOT, 'assets/icons/status')).map((f) => f.replace(/\.svg$/, ''));
    expect(drawn.sort()).toEqual(TOOLBAR_ICONS.filter((i) => i !== 'default').sort());
  });

  it('points every toolbar icon at its 16 and 32 px files, absolute inside the extension', () => {
    expect(toolbarIconPaths('verified')).toEqual({ 16: '/toolbar/verified-16.png', 32: '/toolbar/verified-32.png' });
    expect(toolbarIconPaths('default')).toEqual({ 16: `/${MARK_ICONS[16]}`, 32: `/${MARK_ICONS[32]}` });
    const all = TOOLBAR_ICONS.flatMap((i) => Object.values(toolbarIconPaths(i)));
    expect(new Set(all).size).toBe(all.length);
  });
});
