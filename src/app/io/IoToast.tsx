// The small toast at the bottom of the page: a running export or import with its progress
// (`io-progress`), then what came of it (`io-notice`). Notices leave by themselves; errors
// and warnings stay until closed, so nobody misses why something did not happen.
import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import { useT } from '../../locales/i18n';
import { dismissNotice, useIoStatus, type IoNotice } from './ioStatus';
import './io.css';

const NOTICE_MS = 6000;

export function IoToast() {
  const task = useIoStatus((s) => s.task);
  const notices = useIoStatus((s) => s.notices);
  if (!task && notices.length === 0) return null;
  return createPortal(
    <div className="io-toasts" aria-live="polite">
      {notices.map((notice) => (
        <NoticeToast key={notice.id} notice={notice} />
      ))}
      {task && (
        <div className="io-toast io-toast--progress" data-testid="io-progress" role="status" aria-busy="true">
          <span className="io-toast__text">{task.label}</span>
          <span
            className={`io-progress${task.progress === null ? ' io-progress--indeterminate' : ''}`}
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={task.progress === null ? undefined : Math.round(task.progress * 100)}
          >
            <span className="io-progress__bar" style={{ width: task.progress === null ? undefined : `${task.progress * 100}%` }} />
          </span>
        </div>
      )}
    </div>,
    document.body,
  );
}

function NoticeToast({ notice }: { notice: IoNotice }) {
  const t = useT();
  const sticky = notice.tone === 'error' || notice.tone === 'warning';
  useEffect(() => {
    if (sticky) return;
    const timer = setTimeout(() => dismissNotice(notice.id), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice.id, sticky]);
  return (
    <div
      className={`io-toast io-toast--${notice.tone}`}
      data-testid="io-notice"
      data-tone={notice.tone}
      role={sticky ? 'alert' : 'status'}
    >
      <span className="io-toast__text">{notice.text}</span>
      <button type="button" className="io-toast__close" aria-label={t('io.problems.close')} onClick={() => dismissNotice(notice.id)}>
        ×
      </button>
    </div>
  );
}
