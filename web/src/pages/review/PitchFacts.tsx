// When and where a pitch session (答辩) is: time, mode, place, the video link.
import { useTranslation } from 'react-i18next';
import { fmtDate } from '../../app/format';
import type { ReviewRound } from '../../app/types';

export function PitchFacts({ session }: { session: NonNullable<ReviewRound['session']> }) {
  const { t } = useTranslation();
  return (
    <span>
      {fmtDate(session.startsAt, true)} · {t(`pitch.modes.${session.mode}`)}
      {session.place && ` · ${session.place}`}
      {session.videoUrl && <> · <a href={session.videoUrl} target="_blank" rel="noreferrer">{t('pitch.join')}</a></>}
    </span>
  );
}
