import type { TAudienceExpression } from '../../components/audience-builder.tsx';

/** A saved audience as `GET /api/audiences` returns it (`count` when the server includes it). */
export type TSavedAudience = {
  id: number;
  name: string;
  description?: string | null;
  expression: TAudienceExpression;
  count?: number | null;
  createdAt?: string;
  updatedAt?: string | null;
};

export const AUDIENCES_KEY = 'audiences';
