import { momentContentProblem, type TMessageContent } from '@pond/channels';
import { describe, expect, it } from 'vitest';

const img = (n: number) => Array.from({ length: n }, (_, i) => ({ type: 'image' as const, url: `https://x/${i}.jpg` }));
const video = { type: 'video' as const, url: 'https://x/v.mp4' };
const link = { type: 'link' as const, title: '新品', url: 'https://x/p' };
const file = { type: 'file' as const, url: 'https://x/a.pdf' };

describe("WeCom's moments content rule", () => {
  it.each<{ name: string; content: TMessageContent; ok: boolean }>([
    { name: 'text only', content: { text: '春季上新', attachments: [] }, ok: true },
    { name: 'text + 9 images', content: { text: '九宫格', attachments: img(9) }, ok: true },
    { name: '10 images', content: { text: 'x', attachments: img(10).slice(0, 10) }, ok: false },
    { name: 'one video, no text', content: { attachments: [video] }, ok: true },
    { name: 'two videos', content: { attachments: [video, video] }, ok: false },
    { name: 'one link', content: { text: '看看', attachments: [link] }, ok: true },
    { name: 'two links', content: { attachments: [link, link] }, ok: false },
    { name: 'images and a video', content: { attachments: [...img(2), video] }, ok: false },
    { name: 'a file', content: { attachments: [file] }, ok: false },
    { name: 'nothing', content: { text: '  ', attachments: [] }, ok: false },
    { name: 'text over 2000 characters', content: { text: 'a'.repeat(2001), attachments: [] }, ok: false },
  ])('$name → ok=$ok', ({ content, ok }) => {
    const problem = momentContentProblem(content);
    if (ok) expect(problem).toBeNull();
    else expect(problem).toEqual(expect.any(String));
  });
});
