import { describe, expect, it, vi } from 'vitest';
import { resolveTabId, tabIdFromSearch } from '../../lib/ui/popup-tab';

describe('tabIdFromSearch', () => {
  it.each<[string, number | undefined]>([
    ['?tabId=42', 42],
    ['?x=1&tabId=7', 7],
    ['?tabId=0', 0],
    ['', undefined],
    ['?tabId=', undefined],
    ['?tabId=-1', undefined],
    ['?tabId=1.5', undefined],
    ['?tabId=12abc', undefined],
    ['?tabId=99999999999', undefined],
  ])('%s → %s', (search, expected) => {
    expect(tabIdFromSearch(search)).toBe(expected);
  });
});

describe('resolveTabId', () => {
  it('uses the query parameter without asking for tabs', async () => {
    const query = vi.fn(async () => [{ id: 1 }]);
    await expect(resolveTabId('?tabId=5', query)).resolves.toBe(5);
    expect(query).not.toHaveBeenCalled();
  });

  it('falls back to the active tab of the current window', async () => {
    const query = vi.fn(async () => [{ id: 9 }]);
    await expect(resolveTabId('', query)).resolves.toBe(9);
    expect(query).toHaveBeenCalledWith({ active: true, currentWindow: true });
  });

  it('has no tab when there is none', async () => {
    await expect(resolveTabId('', async () => [])).resolves.toBeUndefined();
  });
});
