import { useCallback, useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { ApiError, api } from '../api.ts';
import { qrImageSrc } from '../qr.ts';
import { Empty, ErrorState, Loading, Page } from '../ui.tsx';

// 门店活码 landing (`/s/:slug`): find the customer's nearest store by location (or by their pick)
// and show the QR to add that store's guide or join its group.

type TReason = 'nearest' | 'fallback_out_of_range' | 'fallback_no_location' | 'chosen' | 'unavailable';
type TStore = {
  id: number;
  name: string;
  city: string | null;
  address: string | null;
  distanceMetres: number | null;
};
type TLanding = {
  title: string;
  reason: TReason;
  store: TStore | null;
  target: {
    kind: 'live_code' | 'group_code' | 'guides';
    qrText: string | null;
    url: string | null;
    staffName: string | null;
  } | null;
  canChoose: boolean;
};
type TCity = { city: string; storeCount: number };
type TPage<T> = { items: T[]; total: number; page: number; pageSize: number };

type TLocation = { lat: string; lng: string };
type TStep =
  | { step: 'locating' }
  | { step: 'resolving' }
  | { step: 'shown'; landing: TLanding; note: string | null }
  | { step: 'cities' }
  | { step: 'stores'; city: string }
  | { step: 'error'; error: Error; retry: boolean };

const PAGE_SIZE = 50;
// How long to wait for a position before giving up (WeChat's browser can be slow to answer).
const LOCATE_TIMEOUT_MS = 10_000;

const REASON_NOTE: Record<TReason, string> = {
  nearest: '离您最近的门店',
  fallback_out_of_range: '您附近暂时没有我们的门店，为您推荐：',
  fallback_no_location: '未获取到您的位置，为您推荐：',
  chosen: '您选择的门店',
  unavailable: '',
};

const distanceText = (m: number) => (m < 1000 ? `${m} 米` : `${(m / 1000).toFixed(m < 10_000 ? 1 : 0)} 公里`);

/** The customer's words for what went wrong (the server's messages are written for operators). */
function friendlyError(error: unknown): Error {
  if (error instanceof ApiError) {
    if (error.status === 404) return new Error('这个门店码不存在或已停用，请向店员索取新的二维码。');
    if (error.status === 400) return new Error('链接中的位置信息有误，请重新扫码打开。');
    if (error.status === 429) return new Error('访问人数较多，请稍后再试。');
  }
  return new Error('网络开小差了，请检查网络后重试。');
}

/** `?lat=&lng=` of the page URL, when the link (or a map app) carries the location. */
function locationFromUrl(): TLocation | null {
  const params = new URLSearchParams(window.location.search);
  const lat = params.get('lat');
  const lng = params.get('lng');
  return lat && lng ? { lat, lng } : null;
}

function askPosition(): Promise<TLocation> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) {
      reject(new Error('unsupported'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude.toFixed(6), lng: p.coords.longitude.toFixed(6) }),
      (e) => reject(new Error(e.code === e.PERMISSION_DENIED ? 'denied' : 'unavailable')),
      { enableHighAccuracy: false, timeout: LOCATE_TIMEOUT_MS, maximumAge: 5 * 60_000 },
    );
  });
}

const StoreCard = ({ landing, note }: { landing: TLanding; note: string | null }) => {
  const { store, target } = landing;
  if (!store) return null;
  return (
    <div className="card" data-testid="store-card">
      <p className="muted" style={{ marginTop: 0 }}>
        {note ?? REASON_NOTE[landing.reason]}
      </p>
      <div style={{ fontSize: 18, fontWeight: 600 }}>{store.name}</div>
      {store.address ? <div className="muted">{store.address}</div> : null}
      {store.distanceMetres !== null ? (
        <div className="muted" data-testid="store-distance">
          距您 {distanceText(store.distanceMetres)}
        </div>
      ) : null}
      {target?.qrText ? (
        <>
          <img className="qr" src={qrImageSrc(target.qrText)} alt="门店二维码" />
          <p style={{ textAlign: 'center', margin: 0 }}>
            {target.kind === 'group_code'
              ? '长按识别二维码，加入门店福利群'
              : `长按识别二维码，添加门店导购${target.staffName ? `「${target.staffName}」` : ''}`}
          </p>
          {target.url ? (
            <a className="btn" href={target.url} style={{ textAlign: 'center', textDecoration: 'none' }}>
              打开入群页面
            </a>
          ) : null}
        </>
      ) : (
        <p className="muted" style={{ textAlign: 'center' }}>
          该门店暂未开通线上添加，欢迎到店咨询店员。
        </p>
      )}
    </div>
  );
};

const CityList = ({ slug, onPick }: { slug: string; onPick: (city: string) => void }) => {
  const [cities, setCities] = useState<TCity[] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const load = useCallback(() => {
    setError(null);
    api<{ items: TCity[] }>(`/store-codes/${encodeURIComponent(slug)}/cities`)
      .then((d) => setCities(d.items))
      .catch((e: unknown) => setError(friendlyError(e)));
  }, [slug]);
  useEffect(load, [load]);
  if (error) return <ErrorState error={error} onRetry={load} />;
  if (!cities) return <Loading />;
  if (cities.length === 0) return <Empty>暂时没有营业中的门店。</Empty>;
  return (
    <div className="card">
      <p className="muted" style={{ marginTop: 0 }}>
        请选择您所在的城市
      </p>
      {cities.map((c) => (
        <button
          type="button"
          key={c.city}
          className="row"
          style={{ width: '100%', background: 'none', border: 0, fontSize: 16, textAlign: 'left', cursor: 'pointer' }}
          onClick={() => onPick(c.city)}
        >
          <span>{c.city || '其他城市'}</span>
          <span className="muted">{c.storeCount} 家门店 ›</span>
        </button>
      ))}
    </div>
  );
};

const StoreList = ({ slug, city, onPick }: { slug: string; city: string; onPick: (id: number) => void }) => {
  const [stores, setStores] = useState<TStore[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(false);
  const load = useCallback(
    (page: number) => {
      setLoading(true);
      setError(null);
      const query = new URLSearchParams({ city, page: String(page), pageSize: String(PAGE_SIZE) });
      api<TPage<TStore>>(`/store-codes/${encodeURIComponent(slug)}/stores?${query.toString()}`)
        .then((d) => {
          setStores((prev) => (page === 1 ? d.items : [...prev, ...d.items]));
          setTotal(d.total);
        })
        .catch((e: unknown) => setError(friendlyError(e)))
        .finally(() => setLoading(false));
    },
    [slug, city],
  );
  useEffect(() => load(1), [load]);
  if (error && stores.length === 0) return <ErrorState error={error} onRetry={() => load(1)} />;
  if (total === null) return <Loading />;
  if (total === 0) return <Empty>这个城市暂时没有营业中的门店。</Empty>;
  return (
    <div className="card">
      <p className="muted" style={{ marginTop: 0 }}>
        {city || '其他城市'} · 请选择门店
      </p>
      {stores.map((s) => (
        <button
          type="button"
          key={s.id}
          className="row"
          style={{ width: '100%', background: 'none', border: 0, textAlign: 'left', cursor: 'pointer', display: 'block' }}
          onClick={() => onPick(s.id)}
        >
          <div style={{ fontSize: 16 }}>{s.name}</div>
          {s.address ? <div className="muted">{s.address}</div> : null}
        </button>
      ))}
      {stores.length < total ? (
        <button
          type="button"
          className="btn btn-secondary"
          disabled={loading}
          onClick={() => load(Math.floor(stores.length / PAGE_SIZE) + 1)}
        >
          {loading ? '加载中…' : '加载更多'}
        </button>
      ) : null}
      {error ? <p className="state-error">{error.message}</p> : null}
    </div>
  );
};

/** 门店活码: the nearest open store to the customer and the QR to add its guide or join its group. */
export const StoreCodePage = () => {
  const { slug = '' } = useParams();
  const [state, setState] = useState<TStep>({ step: 'locating' });
  // The customer's location once known: also sent with a picked store, to show its distance.
  const location = useRef<TLocation | null>(null);
  const [located, setLocated] = useState<boolean>(false);
  const started = useRef(false);
  // The last store shown, to go back to from the picker.
  const shown = useRef<Extract<TStep, { step: 'shown' }> | null>(null);

  const resolve = useCallback(
    async (storeId: number | null, note: string | null = null) => {
      setState({ step: 'resolving' });
      const params = new URLSearchParams();
      const at = location.current;
      if (at) {
        params.set('lat', at.lat);
        params.set('lng', at.lng);
      }
      if (storeId !== null) params.set('storeId', String(storeId));
      try {
        const landing = await api<TLanding>(`/store-codes/${encodeURIComponent(slug)}?${params.toString()}`);
        if (landing.store) {
          shown.current = { step: 'shown', landing, note };
          setState(shown.current);
        } else setState({ step: 'cities' });
      } catch (e) {
        // A link that does not exist (404) or is malformed (400) will not work on a retry.
        const retry = !(e instanceof ApiError && (e.status === 404 || e.status === 400));
        setState({ step: 'error', error: friendlyError(e), retry });
      }
    },
    [slug],
  );

  const locate = useCallback(async () => {
    setState({ step: 'locating' });
    try {
      location.current = await askPosition();
      setLocated(true);
      await resolve(null);
    } catch (e) {
      const denied = e instanceof Error && e.message === 'denied';
      await resolve(
        null,
        denied
          ? '您没有开启定位，先为您推荐以下门店；也可以点下方「选择其他门店」。'
          : '暂时无法获取您的位置，先为您推荐以下门店：',
      );
    }
  }, [resolve]);

  useEffect(() => {
    // Once per visit (React's strict mode runs effects twice in development).
    if (started.current) return;
    started.current = true;
    const fromUrl = locationFromUrl();
    if (fromUrl) {
      location.current = fromUrl;
      setLocated(true);
      void resolve(null);
    } else {
      void locate();
    }
  }, [locate, resolve]);

  const title = state.step === 'shown' ? state.landing.title : '附近门店';
  return (
    <Page title={title}>
      {state.step === 'locating' ? (
        <div className="card" role="status">
          <p style={{ marginTop: 0 }}>正在获取您的位置…</p>
          <p className="muted">
            我们用您的位置为您找到最近的门店，位置只用于这一次选店，不会被保存。如果不想授权，也可以自己选择门店。
          </p>
          <button type="button" className="btn btn-secondary" onClick={() => setState({ step: 'cities' })}>
            手动选择门店
          </button>
        </div>
      ) : null}
      {state.step === 'resolving' ? <Loading /> : null}
      {state.step === 'error' ? <ErrorState error={state.error} onRetry={state.retry ? () => void locate() : undefined} /> : null}
      {state.step === 'shown' ? (
        <>
          <StoreCard landing={state.landing} note={state.note} />
          {state.landing.canChoose ? (
            <button type="button" className="btn btn-secondary" onClick={() => setState({ step: 'cities' })}>
              不是这家？选择其他门店
            </button>
          ) : null}
          {!located ? (
            <button type="button" className="btn btn-secondary" onClick={() => void locate()}>
              使用我的位置重新推荐
            </button>
          ) : null}
        </>
      ) : null}
      {state.step === 'cities' ? (
        <>
          <CityList slug={slug} onPick={(city) => setState({ step: 'stores', city })} />
          {shown.current ? (
            <button type="button" className="btn btn-secondary" onClick={() => shown.current && setState(shown.current)}>
              返回推荐的门店
            </button>
          ) : null}
        </>
      ) : null}
      {state.step === 'stores' ? (
        <>
          <StoreList slug={slug} city={state.city} onPick={(storeId) => void resolve(storeId)} />
          <button type="button" className="btn btn-secondary" onClick={() => setState({ step: 'cities' })}>
            返回城市列表
          </button>
        </>
      ) : null}
    </Page>
  );
};
