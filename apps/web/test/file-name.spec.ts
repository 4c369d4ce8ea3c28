import { fileNameOf } from '../src/api/file-name';

describe('web app: the name a downloaded file is saved under', () => {
  it('prefers the UTF-8 name (Chinese) over the ASCII fallback', () => {
    expect(
      fileNameOf(
        `attachment; filename="stats.csv"; filename*=UTF-8''${encodeURIComponent('学苑社区统计.csv')}`,
      ),
    ).toBe('学苑社区统计.csv');
  });

  it('falls back to the plain name, and to none', () => {
    expect(fileNameOf('inline; filename="photo.jpg"')).toBe('photo.jpg');
    expect(fileNameOf('attachment; filename*=UTF-8\'\'%E0%A4%A; filename="a.pdf"')).toBe('a.pdf');
    expect(fileNameOf('attachment')).toBeNull();
    expect(fileNameOf(null)).toBeNull();
  });
});
