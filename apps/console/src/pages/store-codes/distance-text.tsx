import { useTranslation } from 'react-i18next';

/** `850 米` / `1.8 公里` — metres below a kilometre, else kilometres with one decimal under 10 km. */
export const DistanceText = ({ metres }: { metres: number | null | undefined }) => {
  const { t } = useTranslation();
  if (metres === null || metres === undefined) return <>—</>;
  if (metres < 1000) return <>{t('storeCodes.distance.m', { n: Math.round(metres) })}</>;
  const km = metres / 1000;
  return <>{t('storeCodes.distance.km', { n: km < 10 ? km.toFixed(1) : Math.round(km) })}</>;
};
