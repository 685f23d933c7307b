// A room's live channel: the WebSocket /ws/chat/{id}/?token=..., its history, and catch-up after every
// (re)connection. Messages are kept by id, so one that arrives both live and in a catch-up page is shown once,
// and the catch-up starts after the newest id held, so nothing sent while the socket was down is missed.

const PAGE = 50;
const CATCH_UP_PAGE = 1000;
/** Close codes after which reconnecting cannot help (README-live.md, "Close codes sent by the server"). */
const FINAL_CLOSES = new Map([[4003, 'Your account was deleted.'], [4004, 'This room was deleted.']]);
const TOKEN_EXPIRED = 4001;

export class RoomChat extends EventTarget {
  /** id → message, the history's shape */
  messages = new Map();
  newestId = null;
  oldestId = null;
  hasEarlier = false;
  status = 'connecting';
  /** How often the socket has opened (the first time included). */
  connections = 0;
  #pending = new Map();
  /** Sends typed while the socket was not open, sent when it opens. */
  #outbox = [];
  /** Nonces of sends given up as not sent; should the server have stored one after all, its echo heals it. */
  #givenUp = new Set();
  #renewing = false;
  #loadingEarlier = null;
  /** Sends whose echo did not come before the socket dropped, settled by the next catch-up. */
  #unsent = [];
  #socket = null;
  #attempt = 0;
  #timer = null;
  #stopped = false;

  constructor(session, roomId, me) {
    super();
    this.session = session;
    this.roomId = roomId;
    this.me = me;
    this.onRefreshed = () => this.#renew();
  }

  start() {
    this.session.addEventListener('refreshed', this.onRefreshed);
    this.#connect();
  }

  stop() {
    this.#stopped = true;
    this.session.removeEventListener('refreshed', this.onRefreshed);
    clearTimeout(this.#timer);
    this.#socket?.close(1000, 'left the room');
  }

  /**
   * The server closes a socket when the token it was opened with expires (4001), dropping whatever the client
   * sent meanwhile. So once the page has a fresh token (well before that) it moves to a new socket itself:
   * new sends wait in the outbox, the echoes of those already sent are awaited (at most 2 s), then the socket
   * is closed and opened again with the new token, and the catch-up fills the moment between.
   */
  async #renew() {
    if (this.#renewing || this.#socket?.readyState !== WebSocket.OPEN) return;
    const socket = this.#socket;
    this.#renewing = true;
    for (let waited = 0; this.#pending.size && waited < 2_000; waited += 100) {
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    if (this.#socket === socket) socket.close(1000, 'token renewed');
    else this.#renewing = false;
  }

  /**
   * Sends a chat message, at once or, while the socket is reconnecting, as soon as it is open again; resolves
   * when the server broadcasts it back (matched by nonce).
   */
  send(content) {
    if (this.status === 'closed') return Promise.reject(new Error('Not connected.'));
    const pending = {nonce: crypto.randomUUID(), content};
    const done = new Promise((resolve, reject) => Object.assign(pending, {resolve, reject}));
    this.#emit('pending', pending);
    if (this.#socket?.readyState === WebSocket.OPEN && !this.#renewing) {
      this.#transmit(pending);
    } else {
      this.#outbox.push(pending);
    }
    return done;
  }

  #transmit(pending) {
    this.#pending.set(pending.nonce, pending);
    this.#socket.send(JSON.stringify({content: pending.content, nonce: pending.nonce}));
  }

  /** Sends a WebRTC signal ({type: 'webrtc-…', target?, …}); dropped when the socket is not open. */
  signal(frame) {
    if (this.#socket?.readyState === WebSocket.OPEN) this.#socket.send(JSON.stringify(frame));
  }

  /** The page of history before the oldest message held (one request at a time, however often asked). */
  loadEarlier() {
    if (this.oldestId === null) return Promise.resolve();
    this.#loadingEarlier ??= this.session.request('GET',
      `/api/rooms/${this.roomId}/messages/?before=${this.oldestId}&limit=${PAGE}`)
      .then(page => {
        this.hasEarlier = Boolean(page.links.prev);
        this.#add(page);
      })
      .finally(() => { this.#loadingEarlier = null; });
    return this.#loadingEarlier;
  }

  async #connect() {
    if (this.#stopped) return;
    this.#setStatus(this.#attempt === 0 ? 'connecting' : 'reconnecting');
    let token;
    try {
      token = await this.session.accessToken();
    } catch (error) {
      if (!this.session.signedIn) return this.#setStatus('closed', error.message);
      return this.#retry();
    }
    if (this.#stopped) return;
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(
      `${scheme}//${location.host}/ws/chat/${this.roomId}/?token=${encodeURIComponent(token)}`);
    this.#socket = socket;
    socket.onopen = () => {
      this.#attempt = 0;
      this.connections++;
      this.#setStatus('connected');
      this.#outbox.splice(0).forEach(pending => this.#transmit(pending));
      this.#catchUp(socket).catch(error => this.#emit('problem', error));
    };
    socket.onmessage = event => this.#receive(event.data);
    socket.onclose = event => {
      if (this.#socket !== socket) return;
      this.#socket = null;
      this.#failPending();
      if (this.#stopped) return;
      if (this.#renewing) {
        this.#renewing = false;
        this.#connect();
        return;
      }
      if (FINAL_CLOSES.has(event.code)) {
        for (const pending of [...this.#unsent.splice(0), ...this.#outbox.splice(0)]) {
          pending.reject(new Error(FINAL_CLOSES.get(event.code)));
          this.#emit('refused', {...pending, detail: 'not sent'});
        }
        return this.#setStatus('closed', FINAL_CLOSES.get(event.code));
      }
      if (event.code === TOKEN_EXPIRED) {
        this.session.refresh().then(() => this.#connect(), () => this.#retry());
        return;
      }
      this.#retry();
    };
  }

  /** Back-off: 0.5 s doubling to 10 s, with jitter so a room's clients do not all come back at once. */
  #retry() {
    if (this.#stopped) return;
    this.#setStatus('reconnecting');
    const delay = Math.min(10_000, 500 * 2 ** this.#attempt++) * (0.8 + Math.random() * 0.4);
    this.#timer = setTimeout(() => this.#connect(), delay);
  }

  /**
   * Runs once the socket is open: everything sent from now on arrives on it, so reading the history after the
   * newest id held closes the gap. The first time, the newest page instead.
   */
  async #catchUp(socket) {
    if (this.newestId === null) {
      const page = await this.session.request('GET', `/api/rooms/${this.roomId}/messages/?limit=${PAGE}`);
      this.hasEarlier = Boolean(page.links.prev);
      this.#add(page);
      return;
    }
    let after = this.newestId;
    const caughtUp = [];
    for (;;) {
      const page = await this.session.request('GET',
        `/api/rooms/${this.roomId}/messages/?after=${after}&limit=${CATCH_UP_PAGE}`);
      if (this.#socket !== socket) return;
      this.#add(page);
      caughtUp.push(...page);
      if (page.length < CATCH_UP_PAGE) break;
      after = page[page.length - 1].id;
    }
    this.#settleUnsent(caughtUp);
  }

  #receive(data) {
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (frame === null || typeof frame !== 'object') return;
    if (typeof frame.type === 'string' && frame.type.startsWith('webrtc-')) {
      this.#emit('signal', frame);
    } else if (frame.type === 'error') {
      const pending = this.#pending.get(frame.nonce);
      if (pending) {
        this.#pending.delete(frame.nonce);
        pending.reject(new Error(frame.detail ?? 'The server refused the message.'));
        this.#emit('refused', {...pending, detail: frame.detail});
      }
    } else if (Number.isInteger(frame.id)) {
      const pending = frame.nonce === undefined ? undefined : this.#pending.get(frame.nonce);
      if (pending) {
        this.#pending.delete(frame.nonce);
        this.#emit('sent', pending);
        pending.resolve(frame);
      } else if (this.#givenUp.delete(frame.nonce)) {
        this.#emit('sent', {nonce: frame.nonce});
      }
      this.#add([frame]);
    }
  }

  #add(messages) {
    const added = [];
    for (const message of messages) {
      if (this.messages.has(message.id)) continue;
      const {nonce, ...stored} = message;
      this.messages.set(stored.id, stored);
      added.push(stored);
      if (this.newestId === null || stored.id > this.newestId) this.newestId = stored.id;
      if (this.oldestId === null || stored.id < this.oldestId) this.oldestId = stored.id;
    }
    if (added.length) this.#emit('messages', added);
  }

  #failPending() {
    this.#unsent.push(...this.#pending.values());
    this.#pending.clear();
  }

  /**
   * Messages sent just before the socket dropped have no echo: whether the server stored them shows in the
   * catch-up, where the sender's own message with the same text counts as that send.
   */
  #settleUnsent(caughtUp) {
    const mine = caughtUp.filter(m => m.user?.id === this.me.id);
    for (const pending of this.#unsent.splice(0)) {
      const index = mine.findIndex(m => m.content === pending.content);
      const stored = index < 0 ? null : mine.splice(index, 1)[0];
      if (stored) {
        this.#emit('sent', pending);
        pending.resolve(stored);
      } else {
        this.#givenUp.add(pending.nonce);
        pending.reject(new Error('Not sent: the connection dropped.'));
        this.#emit('refused', {...pending, detail: 'Not sent: the connection dropped.'});
      }
    }
  }

  #setStatus(status, detail) {
    this.status = status;
    this.#emit('status', {status, detail});
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, {detail}));
  }
}
