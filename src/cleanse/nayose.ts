/**
 * 名寄せ candidates (STANDARD.md §6): pairs of records that may be the same person under different
 * keys, with the evidence, for human review. Never merges anything.
 *
 * Blocking: two keys, each including 生年月日 + 性別 — normalised kana (kanaNameKey: 濁点, small
 * kana, long vowels and spaces folded) and the kanji matching key (kanjiNameKey: 異体字 folded).
 * Records are spilled to hash partitions on disk by 生年月日 + 性別 (both blocking keys of a pair
 * share it, so one partition sees every pair once); each partition is then grouped in memory.
 * Memory is bounded by the largest partition (records / partitions), not the input.
 *
 * Scoring (a pair is a candidate at `threshold`, default 60; blocking guarantees 生年月日・性別):
 *   kana key equal +30 · kanji key equal +40 (bigram similarity ≥ 0.5: +10) · address key equal
 *   +20 (similarity ≥ 0.7: +10) · same 世帯番号 +10.
 * So kana + kanji (70), kanji + address (60), kana + address + 世帯 (60) qualify; kana + address
 * alone (50) does not. Blocks larger than maxBlock are skipped and counted (a finding says so).
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fingerprint128 } from './fingerprint.ts';
import { addressKey, bigramDice, kanaNameKey, kanjiNameKey } from './matching-keys.ts';

export interface NayosePerson {
  /** Caller's record id (e.g. a global ordinal). */
  id: number;
  kanji: string;
  kana: string;
  birth: string;
  sex: string;
  address: string;
  household: string;
  /** Primary key as text (pairs with the same key are key conflicts, not 名寄せ candidates). */
  key: string;
}

export interface CandidatePair {
  a: NayosePerson;
  b: NayosePerson;
  score: number;
  evidence: string[];
}

export interface NayoseOptions {
  /**
   * Extra 異体字 folds for the kanji matching key (e.g. the MJ縮退マップ folds of mj-database.ts),
   * consulted before chukan's own table. Matching only: delivered names are never rewritten.
   */
  folds?: ReadonlyMap<string, string>;
  tmpDir?: string;
  partitions?: number;
  maxBlock?: number;
  threshold?: number;
}

export interface NayoseStats {
  persons: number;
  skippedNoBlockingKey: number;
  comparisons: number;
  candidates: number;
  oversizedBlocks: { size: number }[];
}

export interface NayoseCollector {
  add(p: NayosePerson): void;
  /**
   * Compares within blocks, hands each partition's candidates (sorted by score) to onPairs and
   * awaits it (so the caller can stream them to disk), removes the spill files.
   */
  finish(onPairs: (pairs: CandidatePair[]) => void | Promise<void>): Promise<NayoseStats>;
  close(): void;
}

const clean = (s: string) => s.replace(/[\t\r\n]/g, ' ');

export function scorePair(a: NayosePerson, b: NayosePerson, folds?: ReadonlyMap<string, string>): { score: number; evidence: string[] } {
  const evidence = ['生年月日・性別一致'];
  let score = 0;
  const ka = kanaNameKey(a.kana);
  const kb = kanaNameKey(b.kana);
  if (ka !== '' && ka === kb) {
    score += 30;
    evidence.push(a.kana.replace(/[\s\u3000]/g, '') === b.kana.replace(/[\s\u3000]/g, '') ? 'カナ氏名一致' : 'カナ氏名一致(濁点・小書き・長音等の揺れ)');
  }
  const ja = kanjiNameKey(a.kanji, folds);
  const jb = kanjiNameKey(b.kanji, folds);
  if (ja !== '' && ja === jb) {
    score += 40;
    evidence.push(a.kanji.replace(/[\s\u3000]/g, '') === b.kanji.replace(/[\s\u3000]/g, '') ? '漢字氏名一致' : '漢字氏名一致(異体字・空白の揺れ)');
  } else if (ja !== '' && jb !== '' && bigramDice(ja, jb) >= 0.5) {
    score += 10;
    evidence.push('漢字氏名類似');
  }
  const aa = addressKey(a.address);
  const ab = addressKey(b.address);
  if (aa !== '' && aa === ab) {
    score += 20;
    evidence.push('住所一致');
  } else if (aa !== '' && ab !== '' && bigramDice(aa, ab) >= 0.7) {
    score += 10;
    evidence.push('住所類似');
  }
  if (a.household !== '' && a.household === b.household) {
    score += 10;
    evidence.push('同一世帯');
  }
  return { score, evidence };
}

export function createNayoseCollector(opts: NayoseOptions = {}): NayoseCollector {
  const P = opts.partitions ?? 256;
  const maxBlock = opts.maxBlock ?? 500;
  const threshold = opts.threshold ?? 60;
  const dir = mkdtempSync(join(opts.tmpDir ?? tmpdir(), 'chukan-nayose-'));
  const paths = Array.from({ length: P }, (_, i) => join(dir, `p${i}.tsv`));
  const fds: (number | undefined)[] = new Array(P);
  const bufs: string[] = new Array(P).fill('');
  const fp = new Uint32Array(4);
  const stats: NayoseStats = { persons: 0, skippedNoBlockingKey: 0, comparisons: 0, candidates: 0, oversizedBlocks: [] };
  let closed = false;

  const flush = (i: number) => {
    if (bufs[i] === '') return;
    fds[i] ??= openSync(paths[i], 'a', 0o600);
    writeSync(fds[i]!, bufs[i]);
    bufs[i] = '';
  };

  return {
    add(p) {
      stats.persons++;
      if (p.birth === '' || (p.kana === '' && p.kanji === '')) {
        stats.skippedNoBlockingKey++;
        return;
      }
      fingerprint128(p.birth + '\u001f' + p.sex, fp);
      const part = fp[1] % P;
      bufs[part] += `${p.id}\t${clean(p.kanji)}\t${clean(p.kana)}\t${clean(p.birth)}\t${clean(p.sex)}\t${clean(p.address)}\t${clean(p.household)}\t${clean(p.key)}\n`;
      if (bufs[part].length > 65536) flush(part);
    },
    async finish(onPairs) {
      for (let i = 0; i < P; i++) flush(i);
      for (let i = 0; i < P; i++) {
        if (fds[i] === undefined) continue;
        closeSync(fds[i]!);
        fds[i] = undefined;
        const text = readFileSync(paths[i], 'utf8');
        rmSync(paths[i], { force: true });
        const persons: NayosePerson[] = [];
        for (const line of text.split('\n')) {
          if (line === '') continue;
          const [id, kanji, kana, birth, sex, address, household, key] = line.split('\t');
          persons.push({ id: Number(id), kanji, kana, birth, sex, address, household, key });
        }
        const blocks = new Map<string, number[]>();
        persons.forEach((p, idx) => {
          const base = p.birth + '\u001f' + p.sex + '\u001f';
          const kk = kanaNameKey(p.kana);
          const jk = kanjiNameKey(p.kanji, opts.folds);
          if (kk !== '') (blocks.get('k' + base + kk) ?? blocks.set('k' + base + kk, []).get('k' + base + kk)!).push(idx);
          if (jk !== '') (blocks.get('j' + base + jk) ?? blocks.set('j' + base + jk, []).get('j' + base + jk)!).push(idx);
        });
        const seen = new Set<string>();
        const found: CandidatePair[] = [];
        for (const members of blocks.values()) {
          if (members.length < 2) continue;
          if (members.length > maxBlock) {
            stats.oversizedBlocks.push({ size: members.length });
            continue;
          }
          for (let x = 0; x < members.length; x++) {
            for (let y = x + 1; y < members.length; y++) {
              const a = persons[members[x]];
              const b = persons[members[y]];
              if (a.key !== '' && a.key === b.key) continue;
              const pk = a.id < b.id ? `${a.id}:${b.id}` : `${b.id}:${a.id}`;
              if (seen.has(pk)) continue;
              seen.add(pk);
              stats.comparisons++;
              const { score, evidence } = scorePair(a, b, opts.folds);
              if (score >= threshold) found.push(a.id < b.id ? { a, b, score, evidence } : { a: b, b: a, score, evidence });
            }
          }
        }
        found.sort((p, q) => q.score - p.score || p.a.id - q.a.id);
        stats.candidates += found.length;
        if (found.length > 0) await onPairs(found);
      }
      this.close();
      return stats;
    },
    close() {
      if (closed) return;
      closed = true;
      for (const fd of fds) if (fd !== undefined) closeSync(fd);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
