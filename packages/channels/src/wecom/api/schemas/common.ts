import { z } from 'zod';

/**
 * Shapes shared by several WeCom APIs. Objects are loose (`z.looseObject`): fields WeCom adds
 * later are kept and passed on, never rejected. Raw WeCom field names stay snake_case.
 */

/** ≤ 30 characters: add_contact_way / add_join_way `state` (comes back on the callback). */
export const ZState = z.string().min(1).max(30, 'state is at most 30 characters (WeCom add_contact_way/add_join_way)');

export const ZCursor = z.string().optional();

/** `text: { content }` of welcome messages, mass tasks and moments. */
export const ZText = z.looseObject({ content: z.string().max(4000) });

/**
 * One attachment of send_welcome_msg / add_msg_template (https://developer.work.weixin.qq.com/document/path/92137,
 * /92135): image (media_id or pic_url), link, miniprogram (pic_media_id), video, file.
 */
export const ZWecomAttachment = z.looseObject({
  msgtype: z.enum(['image', 'link', 'miniprogram', 'video', 'file']),
  image: z.looseObject({ media_id: z.string().optional(), pic_url: z.string().optional() }).optional(),
  link: z
    .looseObject({
      title: z.string().min(1).max(128),
      picurl: z.string().optional(),
      desc: z.string().max(512).optional(),
      url: z.string().min(1).max(2048),
    })
    .optional(),
  miniprogram: z
    .looseObject({
      title: z.string().min(1).max(64),
      pic_media_id: z.string().min(1),
      appid: z.string().min(1),
      page: z.string().min(1),
    })
    .optional(),
  video: z.looseObject({ media_id: z.string().min(1) }).optional(),
  file: z.looseObject({ media_id: z.string().min(1) }).optional(),
});
export type TWecomAttachment = z.infer<typeof ZWecomAttachment>;

/** ≤ 9 attachments per welcome message / mass task. */
export const ZAttachments = z.array(ZWecomAttachment).max(9, 'at most 9 attachments (WeCom send_welcome_msg/add_msg_template)');

/** An answer with nothing but errcode/errmsg. */
export const ZEmpty = z.looseObject({});

export const ZUserIdList = z.looseObject({ userid_list: z.array(z.string().min(1)).optional() });
