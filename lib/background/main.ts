import { browser } from 'wxt/browser';
import { registryClient } from '../net/registry-fetch';
import { readAcks, verdictCacheItem } from '../storage/items';
import { earlierVersions } from '../history/version-lists';
import { BADGE_REFRESH } from '../messages/badge-refresh';
import { liveGithubTrust, liveTrust } from '../trust/live-trust';
import { injectPanel, openPopup } from './details-opener';
import { closeStorageToContentScripts, extensionStore } from './extension-store';
import { historyCoordinator } from './history-coordinator';
import { latestVersion } from './latest-version';
import { answerMessages } from './message-listener';
import { verifiedIdentitiesIn } from './report-cache';
import { createRouter } from './router';
import { browserRegistryEffects, optionalRegistries, refusedReport, watchOptionalRegistries, whenOn } from './optional-registries';
import { watchSiteAccess } from './site-access';
import { setToolbar } from './tab-toolbar';
import { watchTabs } from './tab-watch';
import { releaseVerifier } from './verify-release';
import { VerdictService } from './verdict-service';
import { warmVerifier } from '../verify/warm-up';

/** Wires the background: everything is registered synchronously at start-up. */
export function startBackground(): void {
  const client = registryClient();
  const trust = liveTrust();
  const registries = optionalRegistries(browserRegistryEffects());
  const verify = releaseVerifier(client, trust);
  const service = new VerdictService({
    verifyRelease: async (page) => {
      const off = await registries.refusal(page.ecosystem);
      return off ? refusedReport(page, off) : verify(page);
    },
    latestVersion: (page) => whenOn(registries, page, () => latestVersion(client, page)),
    offReport: async (page) => {
      const off = await registries.refusal(page.ecosystem);
      return off && refusedReport(page, off);
    },
    store: extensionStore,
  });
  const history = historyCoordinator({
    service,
    earlierVersions: (page, version, limit) => whenOn(registries, page, () => earlierVersions(client, page, version, limit)),
    acks: readAcks,
  });
  const route = createRouter({
    history,
    service,
    trust,
    // Read on first use: the packaged GitHub seed is fetched only when the options page shows it or a GitHub release is checked.
    githubTrust: liveGithubTrust(),
    extensionOrigin: browser.runtime.getURL('/'),
    extensionId: browser.runtime.id,
    setToolbar,
    tabUrl: async (tabId) => (await browser.tabs.get(tabId).catch(() => undefined))?.url,
    // A tab whose content script is gone (closed, navigated) simply has no badge to refresh.
    refreshBadge: (tabId) => browser.tabs.sendMessage(tabId, { type: BADGE_REFRESH }).then(() => undefined, () => undefined),
    openPopup,
    injectPanel,
    verifiedIdentities: async (ecosystem, pkg) => verifiedIdentitiesIn(await verdictCacheItem.getValue(), ecosystem, pkg),
    optionalRegistries: registries,
  });
  answerMessages(route);
  watchSiteAccess();
  watchOptionalRegistries(registries);
  // Trust material older than a day is refreshed at start; failures keep what works (lib/trust/trust-service.ts).
  void trust.refreshIfDue('start').catch(() => undefined);
  void closeStorageToContentScripts();
  // After start-up's own task, so the message that woke the worker is not kept waiting (lib/verify/warm-up.ts).
  setTimeout(() => void warmVerifier(() => trust.current()).catch(() => undefined), 0);
  watchTabs();
}
