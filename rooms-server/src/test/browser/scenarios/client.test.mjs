// The browser client in real Chromium against a real server (ROOMS_URL). Run by BrowserEndToEndTest.
import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {
  api, assertNoProblems, createRoom, launchBrowser, live, openRoom, remoteTiles, say, screenshot, SERVER, shown,
  signUp, startProxy, waitForMessage, waitForPlayingVideo, WAIT,
} from '../support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

describe('rooms', () => {
  test('a new person registers, creates rooms and finds them by search, type and creator', async () => {
    const login = await (await browser.newContext({viewport: {width: 1100, height: 760}})).newPage();
    await login.goto(SERVER + '/');
    await login.getByRole('button', {name: 'Sign in'}).waitFor();
    await screenshot(login, 'login');
    await login.context().close();

    const ada = await signUp(browser, 'Ada');
    await createRoom(ada, 'Standup', 'video', 'Daily engineering call');
    await createRoom(ada, 'Lunch plans', 'chat', 'Where and when');
    const page = ada.page;
    await page.goto(SERVER + '/#/rooms');
    const listed = () => page.locator('#room-list li .name').allTextContents();
    const until = async expected => {
      await page.waitForFunction(names => JSON.stringify([...document.querySelectorAll('#room-list li .name')]
        .map(n => n.textContent)) === JSON.stringify(names), expected, {timeout: WAIT});
    };

    // Ada's own rooms (the server may hold others'), then narrowed by search and by type.
    await page.locator('input[name=mine]').check();
    await until(['Standup', 'Lunch plans']);
    await screenshot(page, 'rooms');
    await page.locator('input[name=search]').fill('WHERE and');
    await until(['Lunch plans']);
    await page.locator('input[name=search]').fill('');
    await page.locator('select[name=room_type]').selectOption('video');
    await until(['Standup']);
    await page.locator('select[name=room_type]').selectOption('chat');
    await until(['Lunch plans']);
    await page.locator('select[name=room_type]').selectOption('');
    await page.locator('input[name=mine]').uncheck();
    await page.waitForFunction(() => document.querySelectorAll('#room-list li').length >= 2);
    assert.ok((await listed()).includes('Standup'));
    assertNoProblems(ada);
    await ada.context.close();
  });
});

describe('chat', () => {
  test('two people chat both ways and see the same history', async () => {
    const ada = await signUp(browser, 'Ada');
    const bob = await signUp(browser, 'Bob');
    const roomId = await createRoom(ada, 'Engineering', 'chat', 'Builds and deploys');
    await openRoom(bob, roomId);

    await say(ada.page, 'Deploy of 2.3 starts at 14:00');
    await waitForMessage(bob.page, 'Deploy of 2.3 starts at 14:00');
    await say(bob.page, 'Tests are green\nand the changelog is written');
    await waitForMessage(ada.page, 'Tests are green\nand the changelog is written');
    await say(ada.page, 'Thanks!');
    await waitForMessage(bob.page, 'Thanks!');

    const history = await api(ada.page, 'GET', `/api/rooms/${roomId}/messages/`);
    const expected = history.map(m => ({id: m.id, author: m.user.name, content: m.content}));
    assert.equal(expected.length, 3);
    assert.deepEqual(await shown(ada.page), expected);
    assert.deepEqual(await shown(bob.page), expected);
    await screenshot(bob.page, 'chat');
    assertNoProblems(ada, bob);
    await ada.context.close();
    await bob.context.close();
  });

  test('hostile message content is shown as text and never runs', async () => {
    const ada = await signUp(browser, 'Ada');
    const eve = await signUp(browser, '<b>Eve</b><img src=x onerror="window.pwned=1">');
    const roomId = await createRoom(ada, 'Open house', 'chat');
    await openRoom(eve, roomId);
    const hostile = [
      '<img src=x onerror="window.pwned=2">',
      '<script>window.pwned=3</script>',
      '\u001b[2J\u001b[31mred alert\u001b[0m \u202Egnp.exe',
      '"><svg onload="window.pwned=4">',
    ];

    for (const text of hostile) await say(eve.page, text);
    await waitForMessage(ada.page, hostile[hostile.length - 1]);

    const messages = await shown(ada.page);
    assert.deepEqual(messages.map(m => m.content), hostile);
    assert.ok(messages.every(m => m.author === eve.name), 'the author name is shown as typed');
    assert.equal(await ada.page.locator('#messages img, #messages script, #messages svg, #messages b').count(), 0);
    assert.equal(await ada.page.evaluate(() => window.pwned), undefined);
    assert.equal(await eve.page.evaluate(() => window.pwned), undefined);
    assertNoProblems(ada, eve);
    await ada.context.close();
    await eve.context.close();
  });

  test('scrolling back loads earlier pages until the first message', async () => {
    const ada = await signUp(browser, 'Ada');
    const roomId = await createRoom(ada, 'Archive', 'chat');
    await ada.page.evaluate(async count => {
      // Seed over REST (POST .../messages/, one after the other to keep their order): 120 messages at once
      // on one socket would run into the per-connection chat limit (a burst of 100).
      const {access} = JSON.parse(sessionStorage.getItem('rooms.tokens'));
      const roomId = location.hash.match(/\d+/)[0];
      for (let i = 1; i <= count; i++) {
        const response = await fetch(`/api/rooms/${roomId}/messages/`, {
          method: 'POST',
          headers: {'Authorization': `Bearer ${access}`, 'Content-Type': 'application/json'},
          body: JSON.stringify({content: `old message ${i}`}),
        });
        if (response.status !== 201) throw new Error(`seeding message ${i}: ${response.status}`);
      }
    }, 120);
    await ada.page.reload();
    await live(ada.page);
    await ada.page.waitForFunction(() => document.querySelectorAll('#messages li[data-id]').length === 50);

    for (const count of [100, 120]) {
      await ada.page.locator('.scroller').evaluate(scroller => { scroller.scrollTop = 0; });
      await ada.page.waitForFunction(n => document.querySelectorAll('#messages li[data-id]').length === n, count,
        {timeout: WAIT});
    }

    const messages = await shown(ada.page);
    assert.deepEqual(messages.map(m => m.content), Array.from({length: 120}, (_, i) => `old message ${i + 1}`));
    assert.ok(messages.every((m, i) => i === 0 || m.id > messages[i - 1].id), 'ids ascending');
    assert.equal(await ada.page.getByRole('button', {name: 'Load earlier messages'}).isHidden(), true);
    assertNoProblems(ada);
    await ada.context.close();
  });

  test('a page cut off mid-chat reconnects and shows every message once, in order', async () => {
    const proxy = await startProxy();
    try {
      const ada = await signUp(browser, 'Ada');
      const bob = await signUp(browser, 'Bob', proxy.url);
      const roomId = await createRoom(ada, 'Flaky network', 'chat');
      await openRoom(bob, roomId);
      for (let i = 1; i <= 5; i++) await say(ada.page, `before ${i}`);
      await waitForMessage(bob.page, 'before 5');

      proxy.cut();
      await bob.page.locator('#status[data-status=reconnecting]').waitFor({timeout: WAIT});
      for (let i = 1; i <= 10; i++) await say(ada.page, `during ${i}`);
      await waitForMessage(ada.page, 'during 10');
      proxy.restore();
      // Ada keeps talking while Bob's page reconnects and catches up.
      for (let i = 1; i <= 10; i++) await say(ada.page, `after ${i}`);
      await live(bob.page);
      await waitForMessage(bob.page, 'after 10');
      await say(bob.page, 'back again');
      await waitForMessage(ada.page, 'back again');

      const history = await api(ada.page, 'GET', `/api/rooms/${roomId}/messages/`);
      const expected = history.map(m => ({id: m.id, author: m.user.name, content: m.content}));
      assert.equal(expected.length, 26);
      assert.deepEqual(await shown(bob.page), expected);
      assert.deepEqual(await shown(ada.page), expected);
      assertNoProblems(ada, bob);
      await ada.context.close();
      await bob.context.close();
    } finally {
      await proxy.close();
    }
  });
});

describe('calls', () => {
  test('two people call: each sees the other\'s video playing, mute and camera toggle, hang up', async () => {
    const ada = await signUp(browser, 'Ada');
    const bob = await signUp(browser, 'Bob');
    const roomId = await createRoom(ada, 'Eng standup', 'video', 'Daily, 9:30');
    await openRoom(bob, roomId);
    await say(ada.page, 'Calling you now');

    await ada.page.locator('#preview').click();
    await ada.page.locator('#tiles figure.local video').waitFor();
    await ada.page.locator('#join').click();
    await bob.page.locator('#ringing', {hasText: 'In a call: Ada'}).waitFor({timeout: WAIT});
    assert.equal(await bob.page.locator('#join').textContent(), 'Join call');
    await bob.page.locator('#join').click();

    await waitForPlayingVideo(ada.page, bob.id);
    await waitForPlayingVideo(bob.page, ada.id);
    await screenshot(ada.page, 'call');

    await ada.page.locator('#mute').click();
    await ada.page.locator('#camera').click();
    assert.equal(await ada.page.locator('#mute').textContent(), 'Unmute');
    assert.equal(await ada.page.locator('#camera').textContent(), 'Camera on');
    assert.deepEqual(await ada.page.evaluate(() => [...document.querySelectorAll('#tiles figure.local video')]
      .flatMap(video => video.srcObject.getTracks().map(track => `${track.kind}:${track.enabled}`)).sort()),
    ['audio:false', 'video:false']);
    await ada.page.locator('#mute').click();
    await ada.page.locator('#camera').click();
    await waitForPlayingVideo(bob.page, ada.id);

    await bob.page.locator('#hangup').click();
    await ada.page.waitForFunction(() => document.querySelectorAll('#tiles figure.remote').length === 0,
      null, {timeout: WAIT});
    assert.deepEqual(await remoteTiles(bob.page), []);
    assert.equal(await bob.page.locator('#tiles figure.local').isHidden(), true);
    assert.equal(await bob.page.locator('#join').isVisible(), true);
    assertNoProblems(ada, bob);
    await ada.context.close();
    await bob.context.close();
  });

  test('three people in one call each see both others (a mesh through the relay\'s target)', async () => {
    const ada = await signUp(browser, 'Ada');
    const bob = await signUp(browser, 'Bob');
    const cy = await signUp(browser, 'Cy');
    const roomId = await createRoom(ada, 'Three way', 'video');
    await openRoom(bob, roomId);
    await openRoom(cy, roomId);

    await ada.page.locator('#join').click();
    await bob.page.locator('#ringing', {hasText: 'Ada'}).waitFor({timeout: WAIT});
    await bob.page.locator('#join').click();
    await waitForPlayingVideo(ada.page, bob.id);
    await cy.page.locator('#join').click();

    for (const [person, others] of [[ada, [bob, cy]], [bob, [ada, cy]], [cy, [ada, bob]]]) {
      for (const other of others) await waitForPlayingVideo(person.page, other.id);
      assert.deepEqual(await remoteTiles(person.page), others.map(o => o.id).sort((a, b) => a - b));
    }
    await screenshot(cy.page, 'call-three');

    await cy.page.locator('#hangup').click();
    for (const [person, other] of [[ada, bob], [bob, ada]]) {
      await person.page.waitForFunction(() => document.querySelectorAll('#tiles figure.remote').length === 1,
        null, {timeout: WAIT});
      assert.deepEqual(await remoteTiles(person.page), [other.id]);
    }
    assertNoProblems(ada, bob, cy);
    for (const person of [ada, bob, cy]) await person.context.close();
  });
});
