export default defineBackground(() => {
  console.info('Provenant background started');
});
