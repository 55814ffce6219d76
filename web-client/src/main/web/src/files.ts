// Files in messages and uploads from the composer: the pure parts (sizes, icons, thumbnails, progress, errors), unit-tested
// with Vitest, and the token-carrying fetches that url_private and thumbnails need (an <img src> cannot send a header).

/** Slack's file object as messages carry it in files[]: only what the client shows. */
export interface SlackFile {
  id: string;
  name?: string;
  title?: string;
  mimetype?: string;
  filetype?: string;
  pretty_type?: string;
  size?: number;
  mode?: string;
  url_private?: string;
  url_private_download?: string;
  processing_status?: string;
  original_w?: number;
  original_h?: number;
  [thumb: `thumb_${string}`]: string | number | undefined;
}

const THUMBS = [64, 80, 160, 360, 480, 720, 800, 960, 1024];

export function formatSize(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024, i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

export function isImage(f: SlackFile): boolean {
  return !!f.mimetype?.startsWith('image/') || ['png', 'jpg', 'jpeg', 'gif', 'webp', 'bmp'].includes(f.filetype ?? '');
}

/** The thumbnail to show: the wanted size if there, else the nearest larger one, else the largest smaller one. */
export function bestThumb(f: SlackFile, want = 360): string | undefined {
  const present = THUMBS.filter((n) => typeof f[`thumb_${n}`] === 'string');
  const size = present.find((n) => n >= want) ?? present[present.length - 1];
  return size === undefined ? undefined : (f[`thumb_${size}`] as string);
}

const ICONS: Record<string, string> = {
  pdf: '📕', zip: '🗜️', gzip: '🗜️', tar: '🗜️', text: '📄', markdown: '📝', csv: '📊', xls: '📊', xlsx: '📊',
  doc: '📘', docx: '📘', ppt: '📙', pptx: '📙', mp3: '🎵', wav: '🎵', mp4: '🎬', mov: '🎬', javascript: '🧩',
  json: '🧩', java: '🧩', python: '🧩', html: '🧩', png: '🖼️', jpg: '🖼️', gif: '🖼️',
};

export function fileIcon(f: SlackFile): string {
  return ICONS[f.filetype ?? ''] ?? (f.mimetype?.startsWith('text/') ? '📄' : '📎');
}

/** Whole percent of an upload, 0 before anything is known. */
export function percent(loaded: number, total: number): number {
  if (!(total > 0)) return 0;
  return Math.max(0, Math.min(100, Math.floor((loaded / total) * 100)));
}

const UPLOAD_ERRORS: Record<string, string> = {
  file_too_large: 'is too large to upload.',
  invalid_file_type: 'is a type of file Parley does not accept.',
  image_too_large: 'is an image with too many pixels.',
  invalid_arguments: 'cannot be uploaded (empty or unnamed).',
  file_not_uploaded: 'did not arrive completely. Try again.',
  length_mismatch: 'did not arrive completely. Try again.',
  url_expired: 'took too long to upload. Try again.',
  network_error: 'could not be sent: Parley cannot be reached.',
};

/** What to tell the person when a file's upload fails, by the server's error code. */
export function uploadErrorText(name: string, code: string): string {
  return `“${name}” ${UPLOAD_ERRORS[code] ?? `could not be uploaded (${code}).`}`;
}

/**
 * A URL the server hands out, made same-origin when it is one of Parley's own routes: the page's CSP allows only
 * its own origin, and every gateway relays /blobs/ and /files-…/, whatever public URL the server was configured with.
 */
export function sameOrigin(url: string, origin: string): string {
  let u: URL;
  try { u = new URL(url, origin); } catch { return url; }
  if (u.origin === origin) return u.href;
  return /^\/(blobs|files-pri|files-tmb|files-pub)\//.test(u.pathname) ? origin + u.pathname + u.search : u.href;
}

/** POSTs the raw bytes to a signed upload URL, reporting progress; rejects with the server's error code. */
export function postBytes(url: string, file: Blob, onProgress: (loaded: number, total: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve();
      else reject(new Error((xhr.responseText || '').trim().split(/\s/).pop() || 'http_' + xhr.status));
    };
    xhr.onerror = () => reject(new Error('network_error'));
    xhr.send(file);
  });
}

/** Object URLs of token-fetched files, shared by every view showing the same URL and revoked when the last one goes. */
const cache = new Map<string, { url: Promise<string>; refs: number }>();

export function acquireObjectUrl(url: string, token: () => Promise<string>): Promise<string> {
  let entry = cache.get(url);
  if (!entry) {
    const promise = fetchBlob(url, token).then((b) => URL.createObjectURL(b));
    entry = { url: promise, refs: 0 };
    cache.set(url, entry);
    promise.catch(() => cache.delete(url));
  }
  entry.refs++;
  return entry.url;
}

export function releaseObjectUrl(url: string): void {
  const entry = cache.get(url);
  if (!entry || --entry.refs > 0) return;
  cache.delete(url);
  void entry.url.then((u) => URL.revokeObjectURL(u), () => undefined);
}

export async function fetchBlob(url: string, token: () => Promise<string>): Promise<Blob> {
  const r = await fetch(sameOrigin(url, location.origin), { headers: { Authorization: 'Bearer ' + await token() } });
  if (!r.ok) throw new Error('http_' + r.status);
  return r.blob();
}
