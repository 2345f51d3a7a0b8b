import { useState } from 'react';
import { useParams } from 'react-router';
import { ErrorState, Page } from '../ui.tsx';

/** A staff member's card (`/p/<slug>`): the card image with their QR, to long-press and add them. */
export const StaffCardPage = () => {
  const { slug = '' } = useParams();
  const [failed, setFailed] = useState(false);
  return (
    <Page title="添加我的企业微信">
      {failed ? (
        <ErrorState error={new Error('名片链接已失效，请向店员重新索取。')} />
      ) : (
        <div className="card" style={{ padding: 8 }}>
          <img
            src={`/api/public/staff-cards/${encodeURIComponent(slug)}.png`}
            alt="员工名片"
            style={{ display: 'block', width: '100%', borderRadius: 8 }}
            onError={() => setFailed(true)}
          />
          <p className="muted" style={{ textAlign: 'center' }}>
            长按图片识别二维码，添加店员企业微信
          </p>
        </div>
      )}
    </Page>
  );
};
