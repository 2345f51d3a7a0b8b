import { useRef } from 'react';

type TOption = { value: number; label: string };

/**
 * Remote-search selects only hold the current page of matches; this keeps the label of every option
 * seen so far, so a chosen value (or each of several) still shows its name after the search text changes.
 * `known` names (e.g. from the record being edited) cover values chosen before any search.
 */
export const useLabelCache = (
  options: TOption[],
  selected: number | number[] | null | undefined,
  known: { id: number; name: string }[] = [],
): TOption[] => {
  const cache = useRef(new Map<number, string>());
  for (const o of options) cache.current.set(o.value, o.label);
  const chosen = selected === null || selected === undefined ? [] : Array.isArray(selected) ? selected : [selected];
  const missing = chosen.filter((id) => !options.some((o) => o.value === id));
  if (missing.length === 0) return options;
  return [
    ...options,
    ...missing.map((id) => ({ value: id, label: cache.current.get(id) ?? known.find((k) => k.id === id)?.name ?? `#${id}` })),
  ];
};
