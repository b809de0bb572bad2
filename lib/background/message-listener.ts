import { browser } from 'wxt/browser';
import type { Envelope } from '../messages/protocol';
import { timeMessage } from './message-timing';
import type { Router } from './router';

/**
 * Answers every runtime message through the router. The answer may come
 * early (a content script's verdict before its toolbar is painted); the
 * sender hears one answer only.
 */
export function answerMessages(route: Router): void {
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    let answered = false;
    const timed = timeMessage(message);
    const answer = (envelope: Envelope) => {
      if (answered) return;
      answered = true;
      timed?.();
      sendResponse(envelope);
    };
    route(message, sender, answer).then(answer);
    return true;
  });
}
