import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** The text of a PDF, as poppler's `pdftotext` extracts it (what a reader's search finds). */
export async function pdfText(bytes: Buffer): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'yishi-pdf-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    await writeFile(file, bytes);
    return await new Promise<string>((resolve, reject) =>
      execFile('pdftotext', ['-enc', 'UTF-8', file, '-'], (error, stdout, stderr) => {
        if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT')
          reject(new Error('No pdftotext: apt-get install -y poppler-utils (.ci/run does)'));
        else if (error !== null) reject(new Error(`pdftotext: ${error.message} ${stderr}`));
        else resolve(stdout);
      }),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
