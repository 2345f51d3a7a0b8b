import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { api } from '../api.ts';

/**
 * Deleting a row by id: `DELETE path(id)`, then a success message, `onSuccess`, and the given queries
 * invalidated (by prefix).
 *
 * @example
 * const remove = useDeleteMutation({ path: (id) => `/api/audiences/${id}`, message: t('audiences.deleted'), invalidate: [['audiences']] });
 * remove.mutate(42);
 */
export const useDeleteMutation = ({
  path,
  message: text,
  invalidate,
  onSuccess,
}: {
  path: (id: number) => string;
  /** The success toast. */
  message: string;
  /** Query-key prefixes to refetch after the delete. */
  invalidate: QueryKey[];
  /** Anything else to do after the delete (e.g. leave the deleted folder). */
  onSuccess?: () => void;
}) => {
  const { message } = App.useApp();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<void>(path(id), { method: 'DELETE' }),
    onSuccess: () => {
      void message.success(text);
      onSuccess?.();
      for (const queryKey of invalidate) void qc.invalidateQueries({ queryKey });
    },
  });
};
