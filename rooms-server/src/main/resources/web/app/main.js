// The browser client: one page, routed by the URL's fragment (#/login, #/rooms, #/rooms/7).
import {Session} from './api.js';
import {fill} from './dom.js';
import {loginView} from './login.js';
import {roomListView} from './rooms.js';
import {roomView} from './room.js';

const session = new Session();
const view = document.getElementById('view');
const who = document.getElementById('who');
const logoutButton = document.getElementById('logout');
let me = null;
let leave = () => {};

async function profile() {
  if (!me) me = await session.request('GET', '/auth/profile/');
  return me;
}

async function route() {
  leave();
  leave = () => {};
  if (!session.signedIn) {
    me = null;
    who.textContent = '';
    logoutButton.hidden = true;
    leave = loginView(view, session, () => {
      if (location.hash === '#/rooms') route();
      else location.hash = '#/rooms'; // routes on hashchange
    });
    return;
  }
  try {
    await profile();
  } catch (error) {
    if (!session.signedIn) return route();
    fill(view, error.message);
    return;
  }
  who.textContent = me.name;
  logoutButton.hidden = false;
  const room = location.hash.match(/^#\/rooms\/(\d+)$/);
  leave = room
    ? roomView(view, session, me, Number(room[1]))
    : roomListView(view, session, me);
}

logoutButton.addEventListener('click', async () => {
  await session.logout();
  location.hash = '#/login';
});
session.addEventListener('signedout', () => { me = null; route(); });
window.addEventListener('hashchange', route);
route();
