// Makes the README's screenshot (docs/web-client.png) against a running server: a small workspace with a few
// conversations, then the channel view in Chromium.   node e2e/docs-screenshot.mjs <base url> <png path>
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://127.0.0.1:8080';
const out = process.argv[3] ?? 'web-client.png';
const stamp = Date.now().toString(36);

async function api(method, args, token) {
  const r = await fetch(`${base}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(args),
  });
  const json = await r.json();
  if (!json.ok) throw new Error(`${method}: ${json.error}`);
  return json;
}

const owner = await api('workspaces.create', {
  name: 'Acme', domain: 'acme-' + stamp, email: `ann-${stamp}@acme.test`, password: 'correct horse battery', real_name: 'Ann Owner',
});
const T = owner.token;
const people = {};
for (const [name, real] of [['bob', 'Bob Builder'], ['cy', 'Cy Twombly']]) {
  await api('admin.users.create', { email: `${name}-${stamp}@acme.test`, password: 'battery staple horse', real_name: real }, T);
  people[name] = await api('auth.signin', { email: `${name}-${stamp}@acme.test`, password: 'battery staple horse' });
}
const general = (await api('conversations.create', { name: 'general' }, T)).channel;
const design = (await api('conversations.create', { name: 'design' }, T)).channel;
await api('conversations.create', { name: 'releases' }, T);
await api('conversations.invite', { channel: general.id, users: [people.bob.user_id, people.cy.user_id].join(',') }, T);
await api('conversations.invite', { channel: design.id, users: people.bob.user_id }, T);
await api('conversations.setTopic', { channel: general.id, topic: 'Company-wide news and chatter' }, T);
const say = (who, text, extra = {}) => api('chat.postMessage', { channel: general.id, text, ...extra }, who);
await say(people.bob.token, 'Morning all :wave: the *new build* is on staging');
await say(people.bob.token, 'Release notes: <https://example.com/notes|draft here>');
const q = await say(people.cy.token, 'Nice! Did the `search` fix make it in?');
await api('chat.postMessage', { channel: general.id, thread_ts: q.ts, text: 'Yes, merged yesterday' }, people.bob.token);
await api('chat.postMessage', { channel: general.id, thread_ts: q.ts, text: 'Great, thanks!' }, people.cy.token);
const plan = await say(T, 'Plan for Friday:\n1. freeze at noon\n2. ship at 3pm\n> remember to update the changelog');
await api('reactions.add', { channel: general.id, timestamp: plan.ts, name: '+1' }, people.bob.token);
await api('reactions.add', { channel: general.id, timestamp: plan.ts, name: 'rocket' }, people.cy.token);
await api('chat.postMessage', { channel: design.id, text: `<@${owner.user.id}> can you review the mockups?` }, people.bob.token);
await api('conversations.open', { users: people.cy.user_id }, T);
await api('chat.postMessage', { channel: (await api('conversations.open', { users: people.cy.user_id }, people.bob.token)).channel.id, text: 'hi' }, people.bob.token);
const im = (await api('conversations.open', { users: owner.user.id }, people.cy.token)).channel;
await api('chat.postMessage', { channel: im.id, text: 'Lunch?' }, people.cy.token);

const browser = await chromium.launch({
  executablePath: process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const context = await browser.newContext({ viewport: { width: 1200, height: 640 }, deviceScaleFactor: 1 });
const page = await context.newPage();
await page.goto(base + '/signin');
await page.evaluate(([s]) => {
  localStorage.setItem('parley.sessions', JSON.stringify([s]));
  localStorage.setItem('parley.active', s.teamId);
}, [{ teamId: owner.team.id, teamName: 'Acme', userId: owner.user.id, token: T, refreshToken: owner.refresh_token, expiresAt: Date.now() + 3_000_000 }]);
await page.goto(`${base}/client/${owner.team.id}/${general.id}`);
await page.locator('article.message', { hasText: 'Plan for Friday' }).waitFor();
await page.getByRole('button', { name: '2 replies' }).click();
await page.getByRole('complementary', { name: 'Thread' }).locator('article', { hasText: 'Great, thanks!' }).waitFor();
await page.waitForTimeout(500);
await page.screenshot({ path: out });
await browser.close();
