// The one way the UI talks to the server: same-origin session cookie, the CSRF header on
// every call, JSON errors as ApiError, and any 401 sends the user back to the login page.

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.error) || `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
    this.fields = (body && body.fields) || {};
  }
}

let onUnauthorized = () => {};

export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn;
}

export async function api(method, path, body, options = {}) {
  const headers = { 'X-Requested-With': 'ream-ui', Accept: 'application/json' };
  let payload;
  if (body instanceof Blob || body instanceof ArrayBuffer) {
    headers['Content-Type'] = options.contentType || 'application/octet-stream';
    payload = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let r;
  try {
    r = await fetch(path, { method, headers, body: payload, credentials: 'same-origin', cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0, { error: 'network' });
  }
  if (r.status === 401 && !options.allowUnauthorized) {
    onUnauthorized();
    throw new ApiError(401, await parse(r));
  }
  const data = await parse(r);
  if (!r.ok) throw new ApiError(r.status, data);
  return data;
}

async function parse(r) {
  if (r.status === 204) return null;
  const text = await r.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch (e) {
    return { raw: text.slice(0, 300) };
  }
}

export const get = (path, options) => api('GET', path, undefined, options);
export const post = (path, body, options) => api('POST', path, body === undefined ? {} : body, options);
export const put = (path, body, options) => api('PUT', path, body, options);
export const del = (path, options) => api('DELETE', path, undefined, options);

/** Builds a query string from the defined, non-empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    q.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/**
 * Downloads a file from a GET endpoint (the session cookie goes with it); an error answer
 * becomes an ApiError instead of a downloaded error page.
 */
export async function download(path, fallbackName) {
  let r;
  try {
    r = await fetch(path, { credentials: 'same-origin', headers: { 'X-Requested-With': 'ream-ui' } });
  } catch (e) {
    throw new ApiError(0, { error: 'network' });
  }
  if (r.status === 401) {
    onUnauthorized();
    throw new ApiError(401, await parse(r));
  }
  if (!r.ok) throw new ApiError(r.status, await parse(r));
  const blob = await r.blob();
  const cd = r.headers.get('Content-Disposition') || '';
  const m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(cd);
  const name = m ? decodeURIComponent(m[1]) : fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name || 'export';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30000);
  return name;
}

