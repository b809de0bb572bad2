export default defineContentScript({
  matches: ['https://pypi.org/project/*'],
  main() {},
});
