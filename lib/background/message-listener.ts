import { browser } from 'wxt/browser';
import type { Envelope } from '../messages/protocol';
import type { Router } from './router';

/**
 * Answers every runtime message through the router. The answer may come
 * early (a content script's verdict before its toolbar is painted); the
 * sender hears one answer only.
 */
export function answerMessages(route: Router): void {
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    let answered = false;
    const answer = (envelope: Envelope) => {
      if (answered) return;
      answered = true;
      sendResponse(envelope);
    };
    route(message, sender, answer).then(answer);
    return true;
  });
}
