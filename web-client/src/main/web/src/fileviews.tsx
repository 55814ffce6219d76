import { useEffect, useState } from 'preact/hooks';
import type { Client } from './client';
import {
  acquireObjectUrl, bestThumb, fetchBlob, fileIcon, formatSize, isImage, percent, releaseObjectUrl, uploadErrorText,
  type SlackFile,
} from './files';

/** The files a message carries: images as previews, the rest as cards. Names are only ever text. */
export function FileList({ files, client }: { files: SlackFile[]; client: Client }) {
  return (
    <div class="files">
      {files.map((f) => f.mode === 'tombstone'
        ? <div key={f.id} class="file-card muted">This file was deleted.</div>
        : isImage(f) && f.processing_status !== 'error' && f.processing_status !== 'quarantined'
          ? <ImagePreview key={f.id} file={f} client={client} />
          : <FileCard key={f.id} file={f} client={client} />)}
    </div>
  );
}

function ImagePreview({ file, client }: { file: SlackFile; client: Client }) {
  // A small image may have no thumbnail at all; once it is ready the original itself is served inline.
  const src = bestThumb(file) ?? (file.processing_status === 'ready' ? file.url_private : undefined);
  const [url, setUrl] = useState<string>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!src) return;
    let live = true;
    acquireObjectUrl(src, () => client.token()).then((u) => live && setUrl(u), () => live && setFailed(true));
    return () => {
      live = false;
      releaseObjectUrl(src);
    };
  }, [src]);
  const name = file.title || file.name || 'image';
  if (!src) {
    return file.processing_status === 'processing' || file.processing_status === 'uploading'
      ? <div class="file-preview placeholder" role="status" aria-label={`Processing ${name}`}>Processing “{name}”…</div>
      : <FileCard file={file} client={client} />;
  }
  if (failed) return <FileCard file={file} client={client} />;
  return (
    <figure class="file-preview">
      {url ? <img src={url} alt={name} /> : <div class="placeholder" aria-hidden="true" />}
      <figcaption>{name} <DownloadLink file={file} client={client} /></figcaption>
    </figure>
  );
}

function FileCard({ file, client }: { file: SlackFile; client: Client }) {
  const name = file.title || file.name || 'file';
  return (
    <div class="file-card">
      <span class="file-icon" aria-hidden="true">{fileIcon(file)}</span>
      <span class="file-meta">
        <span class="file-name">{name}</span>
        <span class="muted">{[file.pretty_type, formatSize(file.size)].filter(Boolean).join(' · ')}
          {file.processing_status === 'processing' ? ' · processing…' : ''}</span>
      </span>
      <DownloadLink file={file} client={client} />
    </div>
  );
}

function DownloadLink({ file, client }: { file: SlackFile; client: Client }) {
  const [error, setError] = useState('');
  const url = file.url_private_download ?? file.url_private;
  if (!url) return null;
  const name = file.name || 'download';
  const download = async (e: Event) => {
    e.preventDefault();
    setError('');
    try {
      const blob = await fetchBlob(url, () => client.token());
      const href = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = href;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
    } catch {
      setError('Download failed.');
    }
  };
  return (
    <>
      <a href="#" class="download" onClick={download} aria-label={`Download ${name}`}>Download</a>
      {error && <span class="error" role="alert"> {error}</span>}
    </>
  );
}

/** One upload as the composer shows it. */
export interface Upload { id: number; name: string; loaded: number; total: number; error?: string; done?: boolean }

export interface Uploads { list: Upload[]; start(files: Iterable<File>): void; dismiss(id: number): void }

let nextId = 1;

/** The uploads of one composer (a channel, or a thread): each goes through the external flow on its own. */
export function useUploads(client: Client, channel: string, threadTs?: string): Uploads {
  const [list, setList] = useState<Upload[]>([]);
  const update = (id: number, change: Partial<Upload>) => setList((l) => l.map((u) => (u.id === id ? { ...u, ...change } : u)));
  return {
    list,
    dismiss: (id) => setList((l) => l.filter((u) => u.id !== id)),
    start(files) {
      for (const file of files) {
        const id = nextId++;
        setList((l) => [...l, { id, name: file.name, loaded: 0, total: file.size }]);
        client.upload(channel, file, (loaded, total) => update(id, { loaded, total }), threadTs)
          .then(() => setList((l) => l.filter((u) => u.id !== id)))
          .catch((e: Error) => update(id, { error: uploadErrorText(file.name, e.message) }));
      }
    },
  };
}

export function UploadList({ uploads }: { uploads: Uploads }) {
  if (!uploads.list.length) return null;
  return (
    <ul class="uploads" aria-label="Uploads">
      {uploads.list.map((u) => (
        <li key={u.id} class={u.error ? 'upload failed' : 'upload'}>
          {u.error
            ? <><span class="error" role="alert">{u.error}</span>
                <button type="button" class="icon" aria-label={`Dismiss ${u.name}`} onClick={() => uploads.dismiss(u.id)}>×</button></>
            : <><span class="file-name">{u.name}</span>
                <progress max={100} value={percent(u.loaded, u.total)} aria-label={`Uploading ${u.name}`} />
                <span class="muted">{percent(u.loaded, u.total)}%</span></>}
        </li>
      ))}
    </ul>
  );
}
