import type { Ctx } from '../../context.ts';
import { defaultPosterTemplateId } from '../posters/poster-defaults.ts';
import { renderPoster } from '../posters/render-poster.ts';
import { getGroupCode } from './get-group-code.ts';

/**
 * The group code's poster to print or share: the tenant's default group-code template (or the
 * built-in one) with the code's name and the QR of its permanent `/j/<slug>` link.
 */
export async function renderGroupCodePoster(ctx: Ctx, id: number): Promise<{ png: Buffer; etag: string }> {
  const code = await getGroupCode(ctx, id);
  return renderPoster(ctx, {
    templateId: await defaultPosterTemplateId(ctx, 'group_code'),
    qrText: code.url,
    title: code.name,
    subtitle: '扫码加入群聊',
  });
}
