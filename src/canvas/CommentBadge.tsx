// A card's (or a layer cell's) count of open comment threads; nothing when there is none.
// Looks up a count derived once per change of the comments (src/store/comments.ts), so a
// comment re-renders only the badges whose count changed.
import { useT } from '../locales/i18n';
import { openThreadCount } from '../store/comments';
import { useMapState } from '../store/context';
import { Icon } from '../ui/icons';

export function CommentBadge({ placeId }: { placeId: string }) {
  const t = useT();
  const count = useMapState((s) => openThreadCount(s.comments, placeId));
  if (count === 0) return null;
  const hint = t('comments.badge', { count });
  return (
    <span className="cjm-comments" data-testid="tp-comments" data-count={count} title={hint} aria-label={hint}>
      <Icon name="comment" size={12} />
      {count}
    </span>
  );
}
