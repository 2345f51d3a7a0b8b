import { ChannelError, type TMessageContent } from '../../channel.ts';
import type { TWecomAttachment } from './schemas/common.ts';

/**
 * Pond's `TMessageContent` → WeCom's `text` + `attachments` shapes. Images, videos and files are
 * sent by media_id, so each one is uploaded first through `resolveMedia` (which fetches the URL's
 * bytes and calls media/upload or media/upload_attachment); the rest is pure.
 */

/** Uploads the bytes behind `url` and returns a media_id. */
export type TMediaResolver = (kind: 'image' | 'video' | 'file', url: string, name?: string) => Promise<string>;

export type TWecomMessage = { text?: { content: string }; attachments: TWecomAttachment[] };

/**
 * Content for send_welcome_msg / add_msg_template (https://developer.work.weixin.qq.com/document/path/92135).
 * A mini-program card needs a cover image (`picUrl`): WeCom requires its pic_media_id.
 * @example
 * await toWecomMessage({ text: 'hi', attachments: [{ type: 'link', title: 'Shop', url: 'https://s.example' }] }, resolve)
 * // { text: { content: 'hi' }, attachments: [{ msgtype: 'link', link: { title: 'Shop', url: 'https://s.example' } }] }
 */
export async function toWecomMessage(content: TMessageContent, resolveMedia: TMediaResolver): Promise<TWecomMessage> {
  const attachments: TWecomAttachment[] = [];
  for (const a of content.attachments) {
    switch (a.type) {
      case 'image':
        attachments.push({ msgtype: 'image', image: { media_id: await resolveMedia('image', a.url) } });
        break;
      case 'video':
        attachments.push({ msgtype: 'video', video: { media_id: await resolveMedia('video', a.url) } });
        break;
      case 'file':
        attachments.push({ msgtype: 'file', file: { media_id: await resolveMedia('file', a.url, a.name) } });
        break;
      case 'link':
        attachments.push({
          msgtype: 'link',
          link: {
            title: a.title,
            url: a.url,
            ...(a.description ? { desc: a.description } : {}),
            ...(a.picUrl ? { picurl: a.picUrl } : {}),
          },
        });
        break;
      case 'miniprogram':
        if (!a.picUrl)
          throw new ChannelError('INVALID', `Mini-program card "${a.title}" needs a cover image (picUrl): WeCom requires one.`);
        attachments.push({
          msgtype: 'miniprogram',
          miniprogram: { title: a.title, appid: a.appId, page: a.page, pic_media_id: await resolveMedia('image', a.picUrl) },
        });
        break;
    }
  }
  return { ...(content.text ? { text: { content: content.text } } : {}), attachments };
}

export type TMomentAttachment =
  | { msgtype: 'image'; image: { media_id: string } }
  | { msgtype: 'video'; video: { media_id: string } }
  | { msgtype: 'link'; link: { title?: string; url: string; media_id: string } };

/**
 * Content for add_moment_task (https://developer.work.weixin.qq.com/document/path/95094): images,
 * one video or one link (checked before by `momentContentProblem`); a link needs a cover image
 * (`picUrl`), uploaded as its media_id. Media come from media/upload_attachment.
 * @example
 * await toMomentMessage({ text: 'new', attachments: [{ type: 'image', url: 'https://…/a.png' }] }, resolve)
 * // { text: { content: 'new' }, attachments: [{ msgtype: 'image', image: { media_id: '…' } }] }
 */
export async function toMomentMessage(
  content: TMessageContent,
  resolveMedia: TMediaResolver,
): Promise<{ text?: { content: string }; attachments: TMomentAttachment[] }> {
  const attachments: TMomentAttachment[] = [];
  for (const a of content.attachments) {
    if (a.type === 'image') attachments.push({ msgtype: 'image', image: { media_id: await resolveMedia('image', a.url) } });
    else if (a.type === 'video') attachments.push({ msgtype: 'video', video: { media_id: await resolveMedia('video', a.url) } });
    else if (a.type === 'link') {
      if (!a.picUrl)
        throw new ChannelError('INVALID', `Moments link "${a.title}" needs a cover image (picUrl): WeCom requires one.`);
      attachments.push({
        msgtype: 'link',
        link: { title: a.title, url: a.url, media_id: await resolveMedia('image', a.picUrl) },
      });
    } else throw new ChannelError('INVALID', `A moments post cannot carry a ${a.type}; use images, one video or one link.`);
  }
  return { ...(content.text ? { text: { content: content.text } } : {}), attachments };
}
