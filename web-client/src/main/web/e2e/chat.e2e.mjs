// The web client end to end in headless Chromium (Debian's, driven by playwright-core): two people in two browser
// contexts create a workspace, invite, and chat live, through a server restart. Run by WebClientIT (e2e-tests), which
// starts the standalone server and restarts it when this script prints RESTART.
//   node e2e/chat.e2e.mjs <base url> <artifacts dir>
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const base = process.argv[2] ?? 'http://127.0.0.1:8080';
const artifacts = process.argv[3] ?? 'target/e2e-artifacts';
const CHROMIUM = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';
mkdirSync(artifacts, { recursive: true });
const stdin = createInterface({ input: process.stdin });
const lines = stdin[Symbol.asyncIterator]();
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const stamp = Date.now().toString(36);

/** A small valid RGB PNG, a gradient, without a library. */
function png(width, height) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; header[9] = 2;
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * (width * 3 + 1) + 1 + x * 3;
      rows[i] = (x * 255) / width; rows[i + 1] = (y * 255) / height; rows[i + 2] = 160;
    }
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

const started = Date.now();

/** Names the step that starts, with the seconds since the start, so a failure's log shows where the time went. */
function step(name) {
  console.log(`e2e: [${((Date.now() - started) / 1000).toFixed(1)} s] ${name}`);
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function api(method, token, args) {
  const r = await fetch(`${base}/api/${method}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(args),
  });
  const json = await r.json();
  if (!json.ok) throw new Error(`${method}: ${json.error}`);
  return json;
}

async function session(page) {
  return page.evaluate(() => {
    const all = JSON.parse(localStorage.getItem('parley.sessions'));
    return all.find((s) => s.teamId === localStorage.getItem('parley.active'));
  });
}

const messages = (page) => page.locator('main .messages');
const message = (page, text) => messages(page).locator('.message', { hasText: text });

async function send(page, text, scope = page.locator('main')) {
  const box = scope.locator('.composer textarea');
  await box.fill(text);
  await box.press('Enter');
}

async function shot(page, name) {
  await page.screenshot({ path: join(artifacts, `${name}.png`) });
}

/** axe-core in the page: no serious or critical violations. */
async function axe(page, name) {
  // Through the DevTools protocol: the page's own CSP forbids inline scripts, as it should.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
  writeFileSync(join(artifacts, `axe-${name}.txt`), result.join('\n') + '\n');
  check(result.length === 0, `axe found serious violations on ${name}:\n${result.join('\n')}`);
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
});
let failed = false;
const pages = [];
try {
  const annContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const bobContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const ann = await annContext.newPage();
  const bob = await bobContext.newPage();
  pages.push(['ann', ann], ['bob', bob]);
  for (const [who, page] of pages) {
    page.on('pageerror', (e) => console.log(`e2e: [${who}] page error: ${e.message}`));
    page.on('dialog', (d) => d.accept());
  }
  // A dialog or script any message could smuggle in would set this.
  await annContext.addInitScript(() => { window.__pwned = 0; });

  step('ann creates a workspace in the browser');
  await ann.goto(base + '/');
  await ann.getByRole('heading', { name: 'Create a workspace' }).waitFor();
  await axe(ann, 'create-workspace');
  await ann.getByLabel('Workspace name').fill('Acme ' + stamp);
  await ann.getByLabel(/Workspace address/).fill('acme-' + stamp);
  await ann.getByLabel('Email').fill(`ann-${stamp}@acme.test`);
  await ann.getByLabel('Your full name').fill('Ann Owner');
  await ann.getByLabel('Password').fill('correct horse battery');
  await ann.getByRole('button', { name: 'Create workspace' }).click();
  await ann.getByRole('navigation', { name: 'Conversations' }).waitFor();

  step('ann creates #general and invites bob, whose name tries to inject markup');
  await ann.getByRole('button', { name: 'Create a channel' }).click();
  await ann.getByLabel('Name').fill('general');
  await ann.getByRole('button', { name: 'Create', exact: true }).click();
  await ann.getByRole('heading', { name: '# general' }).waitFor();
  await ann.getByRole('button', { name: 'Invite people' }).click();
  await ann.getByLabel('Email').fill(`bob-${stamp}@acme.test`);
  await ann.getByLabel('Full name (optional)').fill('Bob <img src=x onerror="window.__pwned=1">');
  await ann.getByLabel(/^Password/).fill('battery staple horse');
  await ann.getByRole('button', { name: 'Invite', exact: true }).click();
  await ann.getByRole('status').filter({ hasText: 'can now sign in' }).waitFor();
  await ann.keyboard.press('Escape');

  step('bob signs in and joins #general');
  await bob.goto(base + '/signin');
  await bob.getByLabel('Email').fill(`bob-${stamp}@acme.test`);
  await bob.getByLabel('Password').fill('battery staple horse');
  await bob.getByRole('button', { name: 'Sign in' }).click();
  await bob.getByRole('navigation', { name: 'Conversations' }).waitFor();
  await bob.getByRole('button', { name: 'Browse channels' }).click();
  await bob.getByRole('button', { name: /# general/ }).click();
  await bob.getByRole('heading', { name: '# general' }).waitFor();
  await message(ann, 'joined').waitFor();

  step('ann posts mrkdwn; bob sees it live, rendered');
  await send(ann, 'Hello *team*, see `code` and _this_ :tada:');
  await message(bob, 'Hello').locator('strong', { hasText: 'team' }).waitFor();
  check(await message(bob, 'Hello').locator('code').textContent() === 'code', 'inline code rendered');
  check(await message(bob, 'Hello').getByRole('img', { name: 'tada' }).count() === 1, 'emoji shortcode rendered');

  step('typing in one browser shows in the other');
  await bob.locator('main .composer textarea').pressSequentially('typing something', { delay: 20 });
  await ann.locator('main .typing', { hasText: 'is typing' }).waitFor();
  await bob.locator('main .composer textarea').fill('');

  step('HTML in a message and in a name stays text');
  await send(bob, '<img src=x onerror="window.__pwned=2"> <script>window.__pwned=3</script> *<b>bold</b>*');
  await message(ann, 'window.__pwned=3').waitFor();
  check(await messages(ann).locator('img, script, b').count() === 0, 'message markup became elements');
  check((await message(ann, 'window.__pwned=3').textContent()).includes('<script>window.__pwned=3</script>'), 'markup shown as text');
  check((await message(ann, 'window.__pwned=3').textContent()).includes('Bob <img src=x'), 'the name shown as text');
  check(await ann.evaluate(() => window.__pwned) === 0, 'injected script ran');

  step('a thread: bob replies to ann\'s message, ann sees the count and the reply');
  await message(bob, 'Hello').hover();
  await message(bob, 'Hello').getByRole('button', { name: 'Reply in thread' }).click();
  const bobThread = bob.getByRole('complementary', { name: 'Thread' });
  await send(bob, 'a reply in the thread', bobThread);
  await bobThread.locator('article.message', { hasText: 'a reply in the thread' }).waitFor();
  await message(ann, 'Hello').getByRole('button', { name: '1 reply' }).click();
  const annThread = ann.getByRole('complementary', { name: 'Thread' });
  await annThread.locator('article.message', { hasText: 'a reply in the thread' }).waitFor();
  await send(ann, 'answered in the thread', annThread);
  await bobThread.locator('article.message', { hasText: 'answered in the thread' }).waitFor();
  await message(bob, 'Hello').getByRole('button', { name: '2 replies' }).waitFor();

  step('a reaction: ann picks one, bob sees it with who reacted');
  await message(ann, 'Hello').hover();
  await message(ann, 'Hello').getByRole('button', { name: 'Add reaction' }).click();
  await ann.getByRole('dialog', { name: 'Pick a reaction' }).getByRole('button', { name: 'rocket' }).click();
  const bobReaction = message(bob, 'Hello').getByRole('button', { name: /^rocket 1, Ann Owner/ });
  await bobReaction.waitFor();
  await bobReaction.click();
  await message(ann, 'Hello').getByRole('button', { name: /^rocket 2/ }).waitFor();

  step('an edit and a delete reach the other side');
  await message(ann, 'Hello').hover();
  await message(ann, 'Hello').getByRole('button', { name: 'Edit message' }).click();
  await ann.getByRole('textbox', { name: 'Edit message' }).fill('Hello *everyone* (fixed)');
  await ann.getByRole('textbox', { name: 'Edit message' }).press('Enter');
  await message(bob, 'Hello').filter({ hasText: '(fixed)' }).locator('.edited').waitFor();
  await send(ann, 'oops, wrong channel');
  await message(bob, 'oops, wrong channel').waitFor();
  await message(ann, 'oops, wrong channel').hover();
  await message(ann, 'oops, wrong channel').getByRole('button', { name: 'Delete message' }).click();
  await send(ann, 'after the delete');
  await message(bob, 'after the delete').waitFor();
  await message(bob, 'oops, wrong channel').waitFor({ state: 'detached' });

  step('files: ann uploads an image and a text file through the picker, one by drag-and-drop; bob sees the preview and cards');
  const picker = ann.locator('main .composer input[type=file]');
  await picker.setInputFiles([
    { name: 'pixels.png', mimeType: 'image/png', buffer: png(120, 90) },
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('meeting notes\n'.repeat(20)) },
  ]);
  const card = messages(bob).locator('.file-card', { hasText: 'notes.txt' });
  await card.waitFor({ timeout: 30_000 });
  check((await card.textContent()).includes('280 B'), 'the card shows the size');
  const preview = messages(bob).locator('.file-preview img[alt="pixels.png"]');
  await preview.waitFor({ timeout: 30_000 });
  await bob.waitForFunction((img) => img.complete && img.naturalWidth > 0, await preview.elementHandle(), { timeout: 30_000 });
  check((await preview.getAttribute('src')).startsWith('blob:'), 'the preview is fetched with the token');
  await picker.setInputFiles({ name: 'evil.png', mimeType: 'image/png', buffer: Buffer.from('<html><body><script>alert(1)</script></body></html>') });
  await ann.locator('main .uploads [role=alert]', { hasText: 'does not accept' }).waitFor();
  await ann.getByRole('button', { name: 'Dismiss evil.png' }).click();
  const dropped = await ann.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['dropped onto the channel'], 'dropped.txt', { type: 'text/plain' }));
    return dt;
  });
  await messages(ann).dispatchEvent('drop', { dataTransfer: dropped });
  await messages(bob).locator('.file-card', { hasText: 'dropped.txt' }).waitFor({ timeout: 30_000 });

  step('a mention in another channel: bob gets a badge');
  await ann.getByRole('button', { name: 'Create a channel' }).click();
  await ann.getByLabel('Name').fill('random');
  await ann.getByRole('button', { name: 'Create', exact: true }).click();
  await ann.getByRole('heading', { name: '# random' }).waitFor();
  const bobSession = await session(bob);
  const annSession = await session(ann);
  const random = (await api('conversations.list', annSession.token, { types: 'public_channel' })).channels.find((c) => c.name === 'random');
  await api('conversations.invite', annSession.token, { channel: random.id, users: bobSession.userId });
  await bob.getByRole('link', { name: /random/ }).waitFor();
  await ann.locator('main .composer textarea').pressSequentially('hey @Bo', { delay: 10 });
  await ann.getByRole('option', { name: /@bob/ }).first().click();
  await ann.locator('main .composer textarea').press('Enter');
  await bob.getByRole('link', { name: /random/ }).locator('.badge').waitFor();
  await shot(bob, 'bob-badge');

  step('ann\'s view is accessible');
  await ann.getByRole('link', { name: /general/ }).click();
  await message(ann, 'after the delete').waitFor();
  await axe(ann, 'channel');
  await shot(ann, 'ann-channel');
  await ann.keyboard.press('Control+k');
  await ann.getByLabel('Conversation name').fill('ran');
  await ann.getByLabel('Conversation name').press('Enter');
  await ann.getByRole('heading', { name: '# random' }).waitFor();
  await ann.getByRole('link', { name: /general/ }).click();

  step('the server restarts: both reconnect, and what was posted meanwhile arrives once');
  await bob.getByRole('link', { name: /general/ }).click();
  await message(bob, 'after the delete').waitFor();
  console.log('RESTART');
  await ann.locator('.connection[data-state="reconnecting"]').waitFor({ timeout: 30_000 });
  await shot(ann, 'ann-reconnecting');
  const answer = await lines.next();
  check(answer.value === 'RESTARTED', 'the server was not restarted: ' + answer.value);
  // Posted as soon as the server is back, while the browsers are still backing off.
  const general = (await api('conversations.list', annSession.token, { types: 'public_channel' })).channels.find((c) => c.name === 'general');
  const freshBob = await api('auth.signin', bobSession.token, { email: `bob-${stamp}@acme.test`, password: 'battery staple horse' });
  for (let i = 1; i <= 5; i++) await api('chat.postMessage', freshBob.token, { channel: general.id, text: `while away ${i}` });
  await ann.locator('.connection').waitFor({ state: 'detached', timeout: 60_000 });
  for (let i = 1; i <= 5; i++) await message(ann, `while away ${i}`).waitFor();
  await bob.locator('.connection').waitFor({ state: 'detached', timeout: 60_000 });
  await send(bob, 'live again');
  await message(ann, 'live again').waitFor();
  for (let i = 1; i <= 5; i++) check(await message(ann, `while away ${i}`).count() === 1, `while away ${i} shown twice`);
  check(await message(ann, 'Hello').count() === 1, 'an old message shown twice');

  step('a 10,000-message channel: scrolling back keeps a bounded window in the DOM');
  const long = (await api('conversations.create', annSession.token, { name: 'long-' + stamp })).channel;
  const total = 10_000;
  for (let i = 0; i < total; i += 100) {
    await Promise.all(Array.from({ length: 100 }, (_, j) => api('chat.postMessage', annSession.token, { channel: long.id, text: `line ${i + j}` })));
  }
  await ann.keyboard.press('Control+k');
  await ann.getByLabel('Conversation name').fill('long-');
  await ann.getByLabel('Conversation name').press('Enter');
  await message(ann, `line ${total - 1}`).waitFor();
  const target = `line ${total - 1500}`;
  let maxRendered = 0;
  for (let i = 0; i < 150 && (await message(ann, target).count()) === 0; i++) {
    await messages(ann).evaluate((el) => { el.scrollTop = 0; el.dispatchEvent(new Event('scroll')); });
    await ann.waitForTimeout(100);
    maxRendered = Math.max(maxRendered, await messages(ann).locator('article.message').count());
  }
  await message(ann, target).waitFor();
  check(maxRendered <= 200, `the list rendered ${maxRendered} messages at once`);
  await shot(ann, 'ann-long-channel-back');
  // Down again until the list follows the newest message (its window has reached the end).
  for (let i = 0; i < 150 && (await messages(ann).getAttribute('data-following')) !== 'true'; i++) {
    await messages(ann).evaluate((el) => { el.scrollTop = el.scrollHeight; el.dispatchEvent(new Event('scroll')); });
    await ann.waitForTimeout(100);
    maxRendered = Math.max(maxRendered, await messages(ann).locator('article.message').count());
  }
  await message(ann, `line ${total - 1}`).waitFor();
  check(maxRendered <= 200, `the list rendered ${maxRendered} messages at once`);
  await api('chat.postMessage', annSession.token, { channel: long.id, text: 'the newest line' });
  await message(ann, 'the newest line').waitFor();

  step('search: highlights, then jump to the message');
  await ann.getByRole('button', { name: 'Search messages' }).first().click();
  const searchBox = ann.getByRole('searchbox');
  const result = ann.getByRole('list', { name: 'Results' }).getByRole('button', { name: /Hello/ });
  // The index follows the event log, so the first searches may come before it has the message.
  for (let i = 0; i < 30 && (await result.count()) === 0; i++) {
    await searchBox.fill('fixed');
    await searchBox.press('Enter');
    await ann.waitForTimeout(500);
  }
  check((await result.locator('mark').first().textContent()).toLowerCase() === 'fixed', 'the match is highlighted');
  await result.click();
  await ann.getByRole('heading', { name: '# general' }).waitFor();
  await message(ann, 'Hello').and(ann.locator('.highlighted')).waitFor();

  step('dark theme');
  await ann.getByRole('button', { name: 'Preferences' }).click();
  await ann.getByLabel('Dark').check();
  await ann.keyboard.press('Escape');
  await ann.getByRole('link', { name: /general/ }).click();
  await message(ann, 'live again').waitFor();
  await axe(ann, 'channel-dark');
  await shot(ann, 'ann-dark');
  check(await ann.evaluate(() => window.__pwned) === 0, 'injected script ran');
  console.log(`e2e: all passed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
} catch (e) {
  failed = true;
  console.error('e2e: FAILED: ' + (e?.stack ?? e));
  for (const [who, page] of pages) await page.screenshot({ path: join(artifacts, `failure-${who}.png`) }).catch(() => undefined);
} finally {
  await browser.close();
  stdin.close();
}
process.exit(failed ? 1 : 0);
