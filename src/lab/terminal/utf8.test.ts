import { describe, expect, it } from 'vitest';
import { Utf8Splitter, incompleteTail } from './utf8';

describe('Utf8Splitter', () => {
  it('never splits a Korean syllable, whatever the chunk boundaries', () => {
    const text = '안녕하세요 KubeLab! 서비스 🚀 é';
    const bytes = Buffer.from(text);
    for (let size = 1; size <= 7; size++) {
      const s = new Utf8Splitter();
      let out = '';
      for (let i = 0; i < bytes.length; i += size) {
        const part = s.write(bytes.subarray(i, i + size));
        expect(part).not.toContain('\uFFFD');
        out += part;
      }
      expect(out + s.end()).toBe(text);
    }
  });

  it('counts the incomplete tail', () => {
    const han = Buffer.from('한'); // 3 bytes
    expect(incompleteTail(han)).toBe(0);
    expect(incompleteTail(han.subarray(0, 2))).toBe(2);
    expect(incompleteTail(han.subarray(0, 1))).toBe(1);
    expect(incompleteTail(Buffer.from('abc'))).toBe(0);
  });

  it('gives up on garbage at the end instead of holding it forever', () => {
    const s = new Utf8Splitter();
    expect(s.write(Buffer.from([0x61, 0xe3]))).toBe('a');
    expect(s.end()).toBe('\uFFFD');
  });
});
