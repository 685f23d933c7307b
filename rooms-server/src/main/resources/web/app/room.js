import {h, fill, formatTime} from './dom.js';
import {RoomChat} from './chat.js';
import {Call} from './call.js';

const STATUS_TEXT = {connecting: 'Connecting…', connected: 'Live', reconnecting: 'Reconnecting…', closed: 'Closed'};

/** A room: its history, live chat, and in a video room the call. Returns what leaving the room does. */
export function roomView(view, session, me, roomId) {
  const chat = new RoomChat(session, roomId, me);
  const names = new Map([[me.id, me.name]]);
  let call = null;
  let left = false;

  const title = h('h1', {class: 'room-name'}, '…');
  const description = h('p', {class: 'muted'});
  const status = h('span', {class: 'status', id: 'status', dataset: {status: 'connecting'}}, STATUS_TEXT.connecting);
  const earlier = h('button', {type: 'button', class: 'link', hidden: true}, 'Load earlier messages');
  const log = h('ol', {class: 'messages', id: 'messages'});
  const scroller = h('div', {class: 'scroller'}, earlier, log);
  const input = h('textarea', {name: 'content', rows: 2, placeholder: 'Message', maxlength: '16000'});
  const send = h('button', {type: 'submit', class: 'primary'}, 'Send');
  const problem = h('p', {class: 'error', role: 'alert'});
  const composer = h('form', {class: 'composer', onsubmit: event => { event.preventDefault(); submit(); }},
    input, send);
  const callPanel = h('section', {class: 'call', hidden: true});
  const page = h('section', {class: 'room'},
    h('div', {class: 'room-head'}, h('a', {href: '#/rooms'}, '← Rooms'), title, status),
    description, callPanel, scroller, problem, composer);
  fill(view, page);

  function submit() {
    const content = input.value;
    if (!content.trim()) return;
    input.value = '';
    chat.send(content).catch(() => {});
  }

  input.addEventListener('keydown', event => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    }
  });

  const nearBottom = () => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 40;

  function render(message) {
    names.set(message.user.id, message.user.name);
    return h('li', {class: message.user.id === me.id ? 'message mine' : 'message', dataset: {id: message.id}},
      h('span', {class: 'author'}, message.user.name),
      h('time', {datetime: message.created_at}, formatTime(message.created_at)),
      h('div', {class: 'content'}, message.content));
  }

  /** Inserts in id order: live messages append, earlier pages prepend, a catch-up fills in between. */
  chat.addEventListener('messages', ({detail: messages}) => {
    const stick = nearBottom();
    const heightBefore = scroller.scrollHeight;
    let prepended = false;
    for (const message of messages) {
      const element = render(message);
      const held = log.querySelectorAll('li[data-id]');
      const last = held[held.length - 1];
      const next = !last || Number(last.dataset.id) < message.id
        ? null
        : [...held].find(li => Number(li.dataset.id) > message.id);
      if (next) {
        next.before(element);
        prepended ||= next === held[0];
      } else {
        const firstPending = log.querySelector('li.pending');
        firstPending ? firstPending.before(element) : log.append(element);
      }
    }
    earlier.hidden = !chat.hasEarlier;
    if (stick) scroller.scrollTop = scroller.scrollHeight;
    else if (prepended) scroller.scrollTop += scroller.scrollHeight - heightBefore;
  });

  chat.addEventListener('pending', ({detail}) => {
    log.append(h('li', {class: 'pending message mine', dataset: {nonce: detail.nonce}},
      h('span', {class: 'author'}, me.name),
      h('time', {}, chat.status === 'connected' ? 'sending…' : 'waiting for the connection…'),
      h('div', {class: 'content'}, detail.content)));
    scroller.scrollTop = scroller.scrollHeight;
  });
  chat.addEventListener('sent', ({detail}) => log.querySelector(`li[data-nonce="${detail.nonce}"]`)?.remove());
  chat.addEventListener('refused', ({detail}) => {
    const element = log.querySelector(`li[data-nonce="${detail.nonce}"]`);
    if (!element) return;
    element.classList.add('failed');
    element.querySelector('time').textContent = detail.detail ?? 'not sent';
  });
  chat.addEventListener('status', ({detail}) => {
    status.dataset.status = detail.status;
    status.dataset.connections = chat.connections;
    status.textContent = detail.detail ?? STATUS_TEXT[detail.status];
    send.disabled = detail.status === 'closed';
  });
  chat.addEventListener('problem', ({detail}) => { problem.textContent = detail.message; });

  earlier.addEventListener('click', () => chat.loadEarlier().catch(error => { problem.textContent = error.message; }));
  scroller.addEventListener('scroll', () => {
    if (scroller.scrollTop === 0 && chat.hasEarlier && !earlier.hidden) earlier.click();
  });

  session.request('GET', `/api/rooms/${roomId}/`).then(async room => {
    if (left) return;
    title.textContent = room.name;
    description.textContent = room.description;
    document.title = `${room.name} · Rooms`;
    if (room.room_type === 'video') {
      // Before the socket opens, so that no call announcement arrives unheard.
      const config = await session.request('GET', '/api/rtc/config/');
      if (left) return;
      call = new Call(chat, me, config.iceServers);
      callView(callPanel, call, names, error => { problem.textContent = error.message; });
    }
    chat.start();
  }).catch(error => {
    fill(page, h('a', {href: '#/rooms'}, '← Rooms'), h('p', {class: 'error'}, error.message));
  });

  return () => {
    left = true;
    call?.close();
    chat.stop();
    document.title = 'Rooms';
  };
}

/** Preview, start or join, hang up, mute and camera, and one tile per person. */
function callView(panel, call, names, report) {
  panel.hidden = false;
  const tiles = h('div', {class: 'tiles', id: 'tiles'});
  const localVideo = h('video', {autoplay: true, playsInline: true, muted: true});
  const localTile = h('figure', {class: 'tile local', hidden: true}, localVideo, h('figcaption', {}, 'You'));
  tiles.append(localTile);
  const ringing = h('p', {class: 'ringing', id: 'ringing'});
  const preview = h('button', {type: 'button', id: 'preview'}, 'Camera preview');
  const join = h('button', {type: 'button', class: 'primary', id: 'join'}, 'Start call');
  const hangUp = h('button', {type: 'button', class: 'danger', id: 'hangup'}, 'Hang up');
  const mute = h('button', {type: 'button', id: 'mute'}, 'Mute');
  const camera = h('button', {type: 'button', id: 'camera'}, 'Camera off');
  fill(panel, h('div', {class: 'call-bar'}, preview, join, mute, camera, hangUp), ringing, tiles);

  const attempt = action => async () => {
    try {
      await action();
    } catch (error) {
      report(error.name === 'NotAllowedError' ? new Error('Camera or microphone access was refused.') : error);
    }
  };
  preview.addEventListener('click', attempt(() => call.preview()));
  join.addEventListener('click', attempt(() => call.join()));
  hangUp.addEventListener('click', () => call.hangUp());
  mute.addEventListener('click', () => call.toggleMute());
  camera.addEventListener('click', () => call.toggleCamera());

  const label = (id, hint) => names.get(id) ?? (hint ? `${hint} (#${id})` : `Person #${id}`);

  call.addEventListener('local', ({detail: stream}) => {
    localVideo.srcObject = stream;
    localTile.hidden = !stream;
  });
  call.addEventListener('remote', ({detail: {id, name, stream}}) => {
    let tile = tiles.querySelector(`figure.remote[data-user-id="${id}"]`);
    if (!tile) {
      tile = h('figure', {class: 'tile remote', dataset: {userId: id}},
        h('video', {autoplay: true, playsInline: true}), h('figcaption', {}, label(id, name)));
      tiles.append(tile);
    }
    const video = tile.querySelector('video');
    if (video.srcObject !== stream) video.srcObject = stream;
  });
  call.addEventListener('gone', ({detail: {id}}) => tiles.querySelector(`figure.remote[data-user-id="${id}"]`)?.remove());
  call.addEventListener('problem', ({detail}) => report(detail));
  call.addEventListener('state', () => {
    preview.hidden = Boolean(call.localStream);
    join.hidden = call.inCall;
    join.textContent = call.ringing.size ? 'Join call' : 'Start call';
    hangUp.hidden = !call.inCall;
    mute.hidden = camera.hidden = !call.localStream;
    mute.textContent = call.muted ? 'Unmute' : 'Mute';
    mute.setAttribute('aria-pressed', String(call.muted));
    camera.textContent = call.cameraOff ? 'Camera on' : 'Camera off';
    camera.setAttribute('aria-pressed', String(call.cameraOff));
    const callers = [...call.ringing].map(([id, hint]) => label(id, hint));
    ringing.textContent = call.inCall || !callers.length ? '' : `In a call: ${callers.join(', ')}`;
  });
  call.dispatchEvent(new CustomEvent('state'));
}
