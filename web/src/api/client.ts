import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type License = Schemas['LicenseDto'];
export type Person = Schemas['PersonDto'];
export type Asset = Schemas['AssetDto'];
export type Seat = Schemas['SeatDto'];
export type Role = Schemas['UserDto']['role'];

/** The API's error body (API.md, "Errors"). */
export interface ApiErrorBody {
  statusCode: number;
  error?: string;
  message: string | string[];
  code?: string;
  details?: Record<string, unknown>;
}

export class ApiError extends Error {
  constructor(
    public status: number,
    public body: ApiErrorBody,
  ) {
    super(Array.isArray(body.message) ? body.message.join('; ') : body.message || `HTTP ${status}`);
  }
  get code() {
    return this.body.code;
  }
  /** Field errors of a 400: `{field: [messages]}`. */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    const d = this.body.details;
    if (this.status !== 400 || !d) return out;
    for (const [k, v] of Object.entries(d)) out[k] = Array.isArray(v) ? v.join(', ') : String(v);
    return out;
  }
}

const TOKEN_KEY = 'seatkeeper.token';
export const tokenStore = {
  get: () => localStorage.getItem(TOKEN_KEY),
  set: (t: string) => localStorage.setItem(TOKEN_KEY, t),
  clear: () => localStorage.removeItem(TOKEN_KEY),
};

type SessionListener = (reason: string) => void;
let onSessionEnded: SessionListener = () => {};
export function setSessionEndedListener(fn: SessionListener) {
  onSessionEnded = fn;
}
export const SESSION_ENDED = 'Your session has ended, please log in again';

function handle401(url: string) {
  if (url.includes('/auth/login')) return;
  if (tokenStore.get()) {
    tokenStore.clear();
    onSessionEnded(SESSION_ENDED);
  }
}

const auth: Middleware = {
  onRequest({ request }) {
    const t = tokenStore.get();
    if (t) request.headers.set('Authorization', `Bearer ${t}`);
    return request;
  },
  onResponse({ response, request }) {
    if (response.status === 401) handle401(request.url);
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(auth);

/** Unwraps an openapi-fetch result: the data, or an ApiError thrown. */
export async function unwrap<T>(
  p: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await p;
  if (!response.ok) {
    const body =
      error && typeof error === 'object' && 'message' in error
        ? (error as ApiErrorBody)
        : { statusCode: response.status, message: response.statusText || `HTTP ${response.status}` };
    throw new ApiError(response.status, body);
  }
  return data as T;
}

/** For routes whose answer the OpenAPI document leaves untyped (reports, login). */
export async function getJson<T>(path: string, query: Record<string, unknown> = {}): Promise<T> {
  const res = await rawFetch(path, query);
  return (await res.json()) as T;
}

export async function rawFetch(path: string, query: Record<string, unknown> = {}, init: RequestInit = {}) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const headers = new Headers(init.headers);
  const t = tokenStore.get();
  if (t) headers.set('Authorization', `Bearer ${t}`);
  const res = await fetch(`${path}${qs.size ? `?${qs}` : ''}`, { ...init, headers });
  if (res.status === 401) handle401(path);
  if (!res.ok) {
    let body: ApiErrorBody;
    try {
      body = await res.json();
    } catch {
      body = { statusCode: res.status, message: res.statusText || `HTTP ${res.status}` };
    }
    throw new ApiError(res.status, body);
  }
  return res;
}

/** Downloads a file answer (xlsx/csv) with the bearer token. */
export async function download(path: string, query: Record<string, unknown>, fallbackName: string) {
  const res = await rawFetch(path, query);
  const cd = res.headers.get('Content-Disposition') ?? '';
  const m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(cd);
  const name = m ? decodeURIComponent(m[1]) : fallbackName;
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
