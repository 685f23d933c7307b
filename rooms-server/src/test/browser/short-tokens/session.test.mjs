// Against a server whose access tokens last 6 s (ShortTokenBrowserEndToEndTest): the page refreshes its token
// before it expires and moves its socket to the new token before the server would close the old one (4001),
// catching up from history, so a conversation across several expiries loses and doubles nothing.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {api, assertNoProblems, createRoom, launchBrowser, openRoom, say, shown, signUp, waitForMessage, WAIT}
  from '../support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const connections = page => page.locator('#status').evaluate(status => Number(status.dataset.connections));
const accessToken = page => page.evaluate(() => JSON.parse(sessionStorage.getItem('rooms.tokens')).access);

test('a conversation goes on across several token expiries, nothing missed or doubled', async () => {
  const ada = await signUp(browser, 'Ada');
  const bob = await signUp(browser, 'Bob');
  const roomId = await createRoom(ada, 'Long meeting', 'chat');
  await openRoom(bob, roomId);
  const firstToken = await accessToken(bob.page);

  // Each message is awaited on the other page, so they pace themselves; the loop ends once both pages have moved
  // to a new socket for a new token at least twice.
  let sent = 0;
  const deadline = Date.now() + WAIT * 2;
  while ((await connections(ada.page) < 3 || await connections(bob.page) < 3) && Date.now() < deadline) {
    const [from, to] = sent % 2 === 0 ? [ada, bob] : [bob, ada];
    await say(from.page, `message ${++sent}`);
    await waitForMessage(to.page, `message ${sent}`);
  }

  assert.ok(await connections(bob.page) >= 3, 'Bob reconnected for a new token at least twice');
  assert.ok(await connections(ada.page) >= 3, 'Ada reconnected for a new token at least twice');
  assert.notEqual(await accessToken(bob.page), firstToken, 'the page refreshed its access token');
  const history = await api(ada.page, 'GET', `/api/rooms/${roomId}/messages/`);
  assert.equal(history.length, sent);
  const expected = history.map(m => ({id: m.id, author: m.user.name, content: m.content}));
  assert.deepEqual(await shown(ada.page), expected);
  assert.deepEqual(await shown(bob.page), expected);
  assert.equal(await bob.page.locator('#messages li.pending').count(), 0);
  assertNoProblems(ada, bob);
});
