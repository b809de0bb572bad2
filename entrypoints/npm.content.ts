export default defineContentScript({
  matches: ['https://www.npmjs.com/*'],
  main() {},
});
