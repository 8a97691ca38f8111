// Times each dashboard page in Debian's headless Chromium: from navigation start until the page's
// <main id="page"> leaves data-state="loading" (its numbers are rendered from the API).
// Not a test. Needs playwright-core from npm (no browser download) and /usr/bin/chromium:
//   npm install --prefix /tmp/pw playwright-core@1
//   NODE_PATH=/tmp/pw/node_modules node bench/dashboard/page-load.cjs http://127.0.0.1:8080 <token> [from] [to]
const { chromium } = require('playwright-core');

(async () => {
const [base, token, from, to] = process.argv.slice(2);
const range = from && to ? `?from=${from}&to=${to}` : '';
const pages = ['/', '/features', '/cli', '/errors', '/retention'];

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
await page.goto(`${base}/login`);
await page.fill('#token', token);
await Promise.all([page.waitForURL(url => !url.pathname.startsWith('/login')), page.click('#signin-submit')]);

for (const path of pages) {
  const times = [];
  for (let run = 0; run < 3; run++) {
    const start = Date.now();
    await page.goto(`${base}${path}${range}`);
    await page.waitForSelector('#page[data-state]:not([data-state="loading"])', { timeout: 60000 });
    times.push(Date.now() - start);
    const state = await page.getAttribute('#page', 'data-state');
    if (state !== 'ready') console.error(`${path}: data-state=${state}`);
  }
  console.log(`${path.padEnd(12)} ${times.map(t => String(t).padStart(6) + ' ms').join(' ')}`);
}
await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
