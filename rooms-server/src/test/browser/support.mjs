// Shared by the scenarios: the browser, people signed in through the page, waits on what the page shows, a TCP
// proxy that can cut a page off the server, and screenshots for the README.
import assert from 'node:assert/strict';
import {accessSync, constants, mkdirSync} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {chromium} from 'playwright-core';

export const SERVER = requiredEnv('ROOMS_URL');
const CHROMIUM = process.env.CHROMIUM || onPath('chromium');
const SCREENSHOTS = process.env.SCREENSHOTS;
export const PASSWORD = 'correct-horse-battery';
export const WAIT = 30_000;

function requiredEnv(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (BrowserEndToEndTest sets it)`);
  return value;
}

/** Playwright needs an absolute executable path. */
function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    try {
      accessSync(path.join(dir, name), constants.X_OK);
      return path.join(dir, name);
    } catch {
      // not in this directory
    }
  }
  throw new Error(`${name} is not on PATH; set CHROMIUM to the browser's executable`);
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      // Lets WebRTC use 127.0.0.1 on a machine without another interface (a CI container).
      '--allow-loopback-in-peer-connection',
    ],
  });
}

let people = 0;

/**
 * A person in a browser context of their own (own sessionStorage), registered and signed in through the page.
 * Console errors that are Content-Security-Policy violations, and uncaught page errors, are kept in
 * {@code problems}; every scenario checks they stay empty.
 */
export async function signUp(browser, name, baseUrl = SERVER) {
  const context = await browser.newContext({viewport: {width: 1100, height: 760}, permissions: ['camera', 'microphone']});
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', error => problems.push(`page error: ${error.message}`));
  page.on('console', message => {
    if (message.type() === 'error' && /Content.Security.Policy|Refused to/i.test(message.text())) {
      problems.push(`console: ${message.text()}`);
    }
  });
  await page.goto(baseUrl + '/');
  await page.getByRole('button', {name: 'Create an account'}).click();
  const email = `${name.toLowerCase().replace(/[^a-z0-9]/g, "") || "someone"}-${process.pid}-${++people}-${Date.now()}@example.com`;
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', {name: 'Register'}).click();
  await page.locator('#room-list').waitFor({state: 'attached', timeout: WAIT});
  const profile = await api(page, 'GET', '/auth/profile/');
  return {name, email, id: profile.id, context, page, problems};
}

/** Calls the API from inside the page with the page's own token (as the page itself would). */
export function api(page, method, apiPath, body) {
  return page.evaluate(async ([method, apiPath, body]) => {
    const {access} = JSON.parse(sessionStorage.getItem('rooms.tokens'));
    const response = await fetch(apiPath, {
      method,
      headers: {'Authorization': `Bearer ${access}`, 'Content-Type': 'application/json'},
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${apiPath}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? null : response.json();
  }, [method, apiPath, body]);
}

/** Creates a room through the page's form and waits for its view; returns its id. */
export async function createRoom(person, name, type = 'chat', description = '') {
  const page = person.page;
  await page.goto(new URL('/#/rooms', page.url()).href);
  await page.locator('input[name=name]').fill(name);
  await page.locator('input[name=description]').fill(description);
  await page.locator('select[name=new_room_type]').selectOption(type);
  await page.getByRole('button', {name: 'Create room'}).click();
  await page.waitForURL(/#\/rooms\/\d+$/, {timeout: WAIT});
  await live(page);
  return Number(page.url().match(/#\/rooms\/(\d+)$/)[1]);
}

/** Opens a room from the room list, as a person would. */
export async function openRoom(person, roomId) {
  const page = person.page;
  await page.goto(new URL('/#/rooms', page.url()).href);
  // The list may have been loaded before the room existed: searching reloads it, as it would for a person.
  await page.locator('input[name=search]').fill(await roomName(page, roomId));
  await page.locator(`#room-list li[data-room-id="${roomId}"] a`).click();
  await live(page);
}

async function roomName(page, roomId) {
  return (await api(page, 'GET', `/api/rooms/${roomId}/`)).name;
}

export function live(page) {
  return page.locator('#status[data-status=connected]').waitFor({timeout: WAIT});
}

export async function say(page, text) {
  await page.locator('textarea[name=content]').fill(text);
  await page.locator('textarea[name=content]').press('Enter');
}

/** The messages the page shows, in page order: [{id, author, content}]. */
export function shown(page) {
  return page.locator('#messages li[data-id]').evaluateAll(items => items.map(li => ({
    id: Number(li.dataset.id),
    author: li.querySelector('.author').textContent,
    content: li.querySelector('.content').textContent,
  })));
}

/** Waits until the page shows a message with exactly this content. */
export async function waitForMessage(page, content) {
  await page.waitForFunction(text => [...document.querySelectorAll('#messages li[data-id] .content')]
    .some(element => element.textContent === text), content, {timeout: WAIT});
}

/**
 * Waits until the remote tile of {@code userId} has decoded frames and keeps decoding them: the video plays,
 * not merely a connection that reports itself connected.
 */
export async function waitForPlayingVideo(page, userId) {
  const frames = () => page.locator(`#tiles figure.remote[data-user-id="${userId}"] video`)
    .evaluate(video => video.videoWidth > 0 ? video.getVideoPlaybackQuality().totalVideoFrames : 0);
  await page.locator(`#tiles figure.remote[data-user-id="${userId}"] video`).waitFor({timeout: WAIT});
  await page.waitForFunction(id => {
    const video = document.querySelector(`#tiles figure.remote[data-user-id="${id}"] video`);
    return video && video.videoWidth > 0 && video.getVideoPlaybackQuality().totalVideoFrames > 5;
  }, userId, {timeout: WAIT});
  const before = await frames();
  await page.waitForFunction(([id, count]) => {
    const video = document.querySelector(`#tiles figure.remote[data-user-id="${id}"] video`);
    return video && video.getVideoPlaybackQuality().totalVideoFrames > count + 5;
  }, [userId, before], {timeout: WAIT});
}

export function remoteTiles(page) {
  return page.locator('#tiles figure.remote').evaluateAll(tiles => tiles.map(tile => Number(tile.dataset.userId)).sort((a, b) => a - b));
}

export function assertNoProblems(...persons) {
  for (const person of persons) assert.deepEqual(person.problems, [], `${person.name}'s page`);
}

export async function screenshot(page, name) {
  if (!SCREENSHOTS) return;
  mkdirSync(SCREENSHOTS, {recursive: true});
  await page.screenshot({path: path.join(SCREENSHOTS, `${name}.png`)});
}

/**
 * A loopback TCP proxy in front of the server. {@code cut()} drops every connection through it and refuses new
 * ones (a network outage for the pages that use it) until {@code restore()}.
 */
export async function startProxy() {
  const target = new URL(SERVER);
  const sockets = new Set();
  let down = false;
  const server = net.createServer(client => {
    if (down) return client.destroy();
    const upstream = net.connect(Number(target.port), target.hostname);
    for (const [from, to] of [[client, upstream], [upstream, client]]) {
      sockets.add(from);
      from.on('close', () => { sockets.delete(from); to.destroy(); });
      from.on('error', () => to.destroy());
      from.pipe(to);
    }
  });
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    cut() {
      down = true;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      down = false;
    },
    close: () => new Promise(resolve => { for (const s of sockets) s.destroy(); server.close(resolve); }),
  };
}
