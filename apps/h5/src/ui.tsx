import type { ReactNode } from 'react';

// Small shared pieces of the H5 pages: a page shell, loading, errors and empty states.

export const Page = ({ title, children }: { title: string; children: ReactNode }) => (
  <main className="page">
    <h1 className="page-title">{title}</h1>
    {children}
  </main>
);

export const Loading = () => (
  <div className="state" role="status">
    加载中…
  </div>
);

export const ErrorState = ({ error, onRetry }: { error: Error; onRetry?: () => void }) => (
  <div className="state state-error" role="alert">
    <p>{error.message}</p>
    {onRetry ? (
      <button type="button" className="btn" onClick={onRetry}>
        重试
      </button>
    ) : null}
  </div>
);

export const Empty = ({ children }: { children: ReactNode }) => <div className="state">{children}</div>;
