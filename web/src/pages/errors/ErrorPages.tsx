import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/title';

export function ForbiddenPage({ roles }: { roles?: string[] }) {
  const { t } = useTranslation();
  useDocumentTitle(t('errors.forbiddenTitle'));
  const names = roles?.map((r) => t(`roles.${r}`)).join(t('common.or'));
  return (
    <div className="page narrow error-page">
      <h1>403 · {t('errors.forbiddenTitle')}</h1>
      <p>{names ? t('errors.forbiddenRole', { roles: names }) : t('errors.forbidden')}</p>
      <p>{t('errors.askAdmin')}</p>
      <p><Link to="/board">{t('errors.backToBoard')}</Link></p>
    </div>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('errors.notFoundTitle'));
  return (
    <div className="page narrow error-page">
      <h1>404 · {t('errors.notFoundTitle')}</h1>
      <p>{t('errors.notFoundText')}</p>
      <p><Link to="/board">{t('errors.backToBoard')}</Link></p>
    </div>
  );
}

export default NotFoundPage;
