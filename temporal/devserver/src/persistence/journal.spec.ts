import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Journal } from './journal';

describe(Journal.name, () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'journal-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('open', () => {
    it('returns the records appended and synced before, skipping a torn last line', async () => {
      const file = join(dir, 'j.db');
      const { journal } = Journal.open(file);
      journal.append({ n: 1 });
      journal.append({ n: 2 });
      await journal.sync();
      await journal.close();
      appendFileSync(file, '{"n":3');
      const reopened = Journal.open(file);
      expect(reopened.records).toEqual([{ n: 1 }, { n: 2 }]);
      reopened.journal.append({ n: 4 });
      await reopened.journal.close();
      expect(Journal.open(file).records).toEqual([{ n: 1 }, { n: 2 }, { n: 4 }]);
    });
  });

  describe('sync', () => {
    it('writes everything appended by concurrent callers', async () => {
      const file = join(dir, 'j.db');
      const { journal } = Journal.open(file);
      await Promise.all(Array.from({ length: 50 }, (_, n) => (journal.append({ n }), journal.sync())));
      expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(50);
      await journal.close();
    });
  });

  describe('rewrite', () => {
    it('replaces the content with the snapshot', async () => {
      const file = join(dir, 'j.db');
      const { journal } = Journal.open(file);
      journal.append({ old: true });
      await journal.sync();
      journal.rewrite([{ snapshot: 1 }]);
      journal.append({ after: true });
      await journal.close();
      expect(Journal.open(file).records).toEqual([{ snapshot: 1 }, { after: true }]);
    });
  });
});
