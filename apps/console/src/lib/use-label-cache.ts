import { useRef } from 'react';

type TOption = { value: number; label: string };

/**
 * Remote-search selects only hold the current page of matches; this keeps the label of every option
 * seen so far, so a chosen value still shows its name after the search text changes.
 */
export const useLabelCache = (options: TOption[], selected: number | null | undefined): TOption[] => {
  const cache = useRef(new Map<number, string>());
  for (const o of options) cache.current.set(o.value, o.label);
  if (selected === null || selected === undefined || options.some((o) => o.value === selected)) return options;
  return [...options, { value: selected, label: cache.current.get(selected) ?? `#${selected}` }];
};
