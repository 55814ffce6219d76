import { describe, expect, it } from 'vitest';
import { bestThumb, fileIcon, formatSize, isImage, percent, sameOrigin, uploadErrorText } from '../src/files';

describe('file cards', () => {
  it('formats sizes the way people read them', () => {
    expect(formatSize(0)).toBe('0 B');
    expect(formatSize(1023)).toBe('1023 B');
    expect(formatSize(1536)).toBe('1.5 KB');
    expect(formatSize(48213)).toBe('47 KB');
    expect(formatSize(5 * 1024 * 1024)).toBe('5.0 MB');
    expect(formatSize(undefined)).toBe('');
  });

  it('picks an icon by filetype, then by mime type', () => {
    expect(fileIcon({ id: 'F1', filetype: 'pdf' })).toBe('📕');
    expect(fileIcon({ id: 'F1', filetype: 'weird', mimetype: 'text/plain' })).toBe('📄');
    expect(fileIcon({ id: 'F1', filetype: 'bin', mimetype: 'application/octet-stream' })).toBe('📎');
  });

  it('prefers thumb_360, then the next larger, then the largest smaller', () => {
    expect(bestThumb({ id: 'F1', thumb_64: 'a', thumb_360: 'b', thumb_720: 'c' })).toBe('b');
    expect(bestThumb({ id: 'F1', thumb_64: 'a', thumb_480: 'd' })).toBe('d');
    expect(bestThumb({ id: 'F1', thumb_64: 'a', thumb_160: 'e', thumb_160_w: 160 })).toBe('e');
    expect(bestThumb({ id: 'F1', mimetype: 'image/png', processing_status: 'processing' })).toBeUndefined();
    expect(isImage({ id: 'F1', mimetype: 'image/png' })).toBe(true);
    expect(isImage({ id: 'F1', mimetype: 'text/plain', filetype: 'text' })).toBe(false);
  });
});

describe('uploads', () => {
  it('counts progress in whole percent, clamped', () => {
    expect(percent(0, 0)).toBe(0);
    expect(percent(50, 200)).toBe(25);
    expect(percent(199, 200)).toBe(99);
    expect(percent(300, 200)).toBe(100);
  });

  it('says clearly why a file was refused', () => {
    expect(uploadErrorText('big.iso', 'file_too_large')).toBe('“big.iso” is too large to upload.');
    expect(uploadErrorText('x.png', 'invalid_file_type')).toContain('does not accept');
    expect(uploadErrorText('x', 'something_new')).toBe('“x” could not be uploaded (something_new).');
  });

  it('sends Parley\'s own file routes to the page\'s origin, and leaves other URLs alone', () => {
    const origin = 'http://127.0.0.1:9000';
    expect(sameOrigin('http://localhost:8080/blobs/upload?key=T1%2FF1&length=3', origin))
      .toBe('http://127.0.0.1:9000/blobs/upload?key=T1%2FF1&length=3');
    expect(sameOrigin('http://localhost:8080/files-tmb/T1-F1/a_360.png', origin)).toBe('http://127.0.0.1:9000/files-tmb/T1-F1/a_360.png');
    expect(sameOrigin('https://s3.example/bucket/x', origin)).toBe('https://s3.example/bucket/x');
    expect(sameOrigin('/files-pri/T1-F1/a.txt', origin)).toBe('http://127.0.0.1:9000/files-pri/T1-F1/a.txt');
  });
});
