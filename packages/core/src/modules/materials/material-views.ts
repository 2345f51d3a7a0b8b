import type { Deps } from '../../context.ts';
import type { TMaterial, TMaterialType } from './materials.schemas.ts';
import type { materials } from './materials.tables.ts';

export type TMaterialRow = typeof materials.$inferSelect;

const hasFile = (r: Pick<TMaterialRow, 'fileKey'>) => r.fileKey !== null;

/** The API shape of a material row. */
export const toMaterial = (r: TMaterialRow): TMaterial => ({
  id: r.id,
  type: r.type as TMaterialType,
  title: r.title,
  folderId: r.folderId,
  tags: r.tags,
  description: r.description,
  linkUrl: r.linkUrl,
  picUrl: r.picUrl,
  appId: r.appId,
  pagePath: r.pagePath,
  fileName: r.fileName,
  mimeType: r.mimeType,
  byteSize: r.byteSize,
  fileUrl: hasFile(r) ? `/api/materials/${r.id}/file` : null,
  usageCount: r.usageCount,
  createdBy: r.createdByName,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

// What the signature covers: the tenant, the material and its bytes (a new upload is a new material).
const signedValue = (tenantId: number, id: number, sha256: string | null) => `material:${tenantId}:${id}:${sha256 ?? ''}`;

/**
 * The public, unguessable URL of an uploaded material's bytes — what the channel fetches for image,
 * video and file attachments (WeCom uploads it as media at send time). Absolute, on `publicUrl`.
 */
export function publicMaterialUrl(
  deps: Pick<Deps, 'sealer' | 'publicUrl'>,
  tenantId: number,
  row: Pick<TMaterialRow, 'id' | 'sha256'>,
): string {
  const sig = deps.sealer.sign(signedValue(tenantId, row.id, row.sha256));
  return `${deps.publicUrl}/api/public/materials/${tenantId}/${row.id}/${sig}`;
}

/** Whether `sig` is the signature of this material's public URL. */
export const verifyMaterialSignature = (
  deps: Pick<Deps, 'sealer'>,
  tenantId: number,
  row: Pick<TMaterialRow, 'id' | 'sha256'>,
  sig: string,
) => deps.sealer.verify(signedValue(tenantId, row.id, row.sha256), sig);

/** The ETag of a material's bytes. */
export const materialEtag = (sha256: string | null, id: number) => `"m-${(sha256 ?? String(id)).slice(0, 32)}"`;
