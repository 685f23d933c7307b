// The REST API with the signed-in person's tokens. Tokens live in sessionStorage (this tab only, gone when it
// closes), never in a cookie: nothing the browser sends by itself can act for the user, so neither the API nor
// the WebSocket can be driven from another site (no CSRF).

const STORAGE_KEY = 'rooms.tokens';
/** Refresh this long before the access token expires (at three quarters of a lifetime shorter than 4 minutes). */
const REFRESH_MARGIN_MS = 60_000;

/** A refused request: status and the server's body ({"detail": ...} or field-keyed lists). */
export class ApiError extends Error {
  constructor(status, body) {
    super(describe(status, body));
    this.status = status;
    this.body = body;
  }
}

/** One readable line out of the server's error shapes. */
function describe(status, body) {
  if (body && typeof body === 'object') {
    if (typeof body.detail === 'string') return body.detail;
    const fields = Object.entries(body)
      .map(([field, messages]) => `${field}: ${[].concat(messages).join(' ')}`);
    if (fields.length) return fields.join('; ');
  }
  return `The server answered ${status}.`;
}

/** The seconds-since-epoch {@code exp} of a JWT, read without checking it (the server checks). */
function expiry(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload)).exp * 1000;
  } catch {
    return 0;
  }
}

export class Session extends EventTarget {
  #tokens;
  #refreshing = null;
  #timer = null;

  constructor(storage = sessionStorage) {
    super();
    this.storage = storage;
    try {
      this.#tokens = JSON.parse(storage.getItem(STORAGE_KEY));
    } catch {
      this.#tokens = null;
    }
    this.#schedule();
  }

  get signedIn() {
    return Boolean(this.#tokens?.refresh);
  }

  async register(email, name, password) {
    await this.#send('POST', '/auth/register/', {email, name, password}, false);
    await this.login(email, password);
  }

  async login(email, password) {
    this.#store(await this.#send('POST', '/auth/login/', {email, password}, false));
  }

  /** Revokes the refresh token on the server (best effort) and forgets both tokens here. */
  async logout() {
    const refresh = this.#tokens?.refresh;
    if (refresh) {
      await this.request('POST', '/auth/logout/', {refresh}).catch(() => {});
    }
    this.#clear();
  }

  /** A valid access token, refreshed first when it is about to expire. */
  async accessToken() {
    if (!this.#tokens) throw new ApiError(401, {detail: 'Not signed in.'});
    if (expiry(this.#tokens.access) - Date.now() < (this.#tokens.margin ?? 5_000)) await this.refresh();
    return this.#tokens.access;
  }

  /** One refresh at a time; a refused refresh token signs the person out. */
  refresh() {
    if (!this.#refreshing) {
      const refresh = this.#tokens?.refresh;
      this.#refreshing = this.#send('POST', '/auth/token/refresh/', {refresh}, false)
        .then(answer => {
          this.#store({...this.#tokens, ...answer});
          this.dispatchEvent(new Event('refreshed'));
        })
        .catch(error => {
          if (error.status === 401 || error.status === 400) this.#clear();
          throw error;
        })
        .finally(() => { this.#refreshing = null; });
    }
    return this.#refreshing;
  }

  /** JSON in and out; the parsed body, with the response's Link header as {@code links} on arrays. */
  async request(method, path, body) {
    try {
      return await this.#send(method, path, body, true);
    } catch (error) {
      // A token can stop working early (clock skew, a restarted server with a new secret): refresh once.
      if (error.status !== 401 || !this.signedIn) throw error;
      await this.refresh();
      return this.#send(method, path, body, true);
    }
  }

  async #send(method, path, body, authenticated) {
    const headers = {'Accept': 'application/json'};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (authenticated) headers['Authorization'] = `Bearer ${await this.accessToken()}`;
    const response = await fetch(path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'omit',
    });
    const text = await response.text();
    let parsed = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    if (!response.ok) throw new ApiError(response.status, parsed);
    if (Array.isArray(parsed)) parsed.links = parseLinks(response.headers.get('Link'));
    return parsed;
  }

  #store(tokens) {
    const lifetime = Math.max(0, expiry(tokens.access) - Date.now());
    this.#tokens = {access: tokens.access, refresh: tokens.refresh, margin: Math.min(REFRESH_MARGIN_MS, lifetime / 4)};
    this.storage.setItem(STORAGE_KEY, JSON.stringify(this.#tokens));
    this.#schedule();
  }

  #clear() {
    this.#tokens = null;
    this.storage.removeItem(STORAGE_KEY);
    clearTimeout(this.#timer);
    this.dispatchEvent(new Event('signedout'));
  }

  /** Refreshes ahead of expiry, so a socket opened a moment later still has its token's full life ahead. */
  #schedule() {
    clearTimeout(this.#timer);
    if (!this.#tokens) return;
    const left = expiry(this.#tokens.access) - Date.now();
    this.#timer = setTimeout(() => this.refresh().catch(() => {}), Math.max(0, left - (this.#tokens.margin ?? 0)));
  }
}

/** {"next": url, "prev": url} from an RFC 8288 Link header. */
function parseLinks(header) {
  const links = {};
  for (const match of (header ?? '').matchAll(/<([^>]*)>\s*;\s*rel="([^"]*)"/g)) {
    links[match[2]] = match[1];
  }
  return links;
}
