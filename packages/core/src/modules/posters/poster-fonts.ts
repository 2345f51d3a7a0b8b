import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { GlobalFonts } from '@napi-rs/canvas';
import type { Logger } from 'pino';

/** The family posters draw with: Noto Sans SC (variable weight), shipped by an npm package. */
export const POSTER_FONT_FAMILY = 'PondSans';

let state: 'unloaded' | 'loaded' | 'fallback' = 'unloaded';

/**
 * Registers the poster font once per process: the WOFF2 slices of `@fontsource-variable/noto-sans-sc`
 * (≈ 100 files by Unicode range, 4.9 MB, OFL) under one family, so Chinese renders on a machine with
 * no CJK fonts installed; the renderer picks, per glyph, the slice that has it. If the package is
 * missing, posters fall back to the system's sans-serif (Chinese may then show as boxes) and say so
 * once in the log.
 */
export function ensurePosterFonts(log?: Logger): void {
  if (state !== 'unloaded') return;
  try {
    const require = createRequire(import.meta.url);
    const dir = join(dirname(require.resolve('@fontsource-variable/noto-sans-sc/package.json')), 'files');
    let registered = 0;
    for (const file of readdirSync(dir)) {
      if (file.endsWith('.woff2') && GlobalFonts.registerFromPath(join(dir, file), POSTER_FONT_FAMILY)) registered++;
    }
    if (registered === 0) throw new Error(`no font file in ${dir} could be registered`);
    state = 'loaded';
  } catch (err) {
    state = 'fallback';
    log?.warn({ err }, 'poster font not available; posters use the system sans-serif and Chinese may not render');
  }
}

/** A CSS font shorthand for the canvas. */
export const posterFont = (size: number, bold: boolean) => `${bold ? 'bold ' : ''}${size}px ${POSTER_FONT_FAMILY}, sans-serif`;
