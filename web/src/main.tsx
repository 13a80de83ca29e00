import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { initI18n } from './app/i18n';
import { AuthProvider } from './app/auth';
import { A11yProvider } from './app/a11y/settings';
import { Layout } from './app/Layout';
import { RequireAuth } from './app/guards';
import { NotFoundPage } from './pages/errors/ErrorPages';
import { ApiError } from './app/api';
import { lazyPage } from './app/chunks';
import './styles.css';

// Every page is its own chunk; the board's is the only one a first visit loads.
const LoginPage = lazyPage(() => import('./pages/auth/LoginPage'));
const BoardPage = lazyPage(() => import('./pages/board/BoardPage'));
const ChallengePage = lazyPage(() => import('./pages/challenge/ChallengePage'));
const ApplyPage = lazyPage(() => import('./pages/apply/ApplyPage'));
const MyWorkPage = lazyPage(() => import('./pages/me/MyWorkPage'));
const NotificationsPage = lazyPage(() => import('./pages/notifications/NotificationsPage'));
const PasswordPage = lazyPage(() => import('./pages/me/PasswordPage'));
const TokensPage = lazyPage(() => import('./pages/me/TokensPage'));
const ConsolePage = lazyPage(() => import('./pages/console/ConsolePage'));
const ChallengeReviewPage = lazyPage(() => import('./pages/console/ChallengeReviewPage'));
const SponsorPage = lazyPage(() => import('./pages/sponsor/SponsorPage'));
const ChallengeEditPage = lazyPage(() => import('./pages/sponsor/ChallengeEditPage'));
const AdminPage = lazyPage(() => import('./pages/admin/AdminPage'));
const AuditPage = lazyPage(() => import('./pages/admin/AuditPage'));
const ReviewTasksPage = lazyPage(() => import('./pages/review/ReviewTasksPage'));
const RoundPage = lazyPage(() => import('./pages/review/RoundPage'));
const ApprovalsPage = lazyPage(() => import('./pages/review/ApprovalsPage'));
const ProjectsPage = lazyPage(() => import('./pages/projects/ProjectsPage'));
const ProjectPage = lazyPage(() => import('./pages/projects/ProjectPage'));
const HelpInboxPage = lazyPage(() => import('./pages/projects/HelpInboxPage'));
const VerifyPage = lazyPage(() => import('./pages/projects/VerifyPage'));
const CampaignPage = lazyPage(() => import('./pages/projects/CampaignPage'));
const RacePage = lazyPage(() => import('./pages/projects/RacePage'));

// A 401 anywhere means the session ended: the auth provider forgets the user, and the guards
// send the person to the sign-in page (and back afterwards).
const onError = (err: unknown) => {
  if (err instanceof ApiError && err.status === 401) window.dispatchEvent(new Event('jb:unauthorized'));
};

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      retry: (n, err) => !(err instanceof ApiError && err.status < 500) && n < 2,
    },
  },
});

function App() {
  return (
    <Layout>
      <Routes>
        <Route path="/" element={<Navigate to="/board" replace />} />
        <Route path="/login" element={<LoginPage />} />
        <Route path="/board" element={<RequireAuth publicBoard><BoardPage /></RequireAuth>} />
        <Route path="/challenges/:id" element={<RequireAuth publicBoard><ChallengePage /></RequireAuth>} />
        <Route path="/challenges/:id/apply" element={<RequireAuth><ApplyPage /></RequireAuth>} />
        <Route path="/applications/:appId/edit" element={<RequireAuth><ApplyPage /></RequireAuth>} />
        <Route path="/me" element={<RequireAuth><MyWorkPage /></RequireAuth>} />
        <Route path="/me/password" element={<RequireAuth><PasswordPage /></RequireAuth>} />
        <Route path="/me/tokens" element={<RequireAuth><TokensPage /></RequireAuth>} />
        <Route path="/notifications" element={<RequireAuth><NotificationsPage /></RequireAuth>} />
        <Route path="/console" element={<RequireAuth roles={['organizer', 'admin']}><ConsolePage /></RequireAuth>} />
        <Route path="/console/challenges/:id" element={<RequireAuth roles={['organizer', 'admin']}><ChallengeReviewPage /></RequireAuth>} />
        <Route path="/console/review/:id" element={<RequireAuth roles={['organizer', 'admin', 'supervisor', 'leader']}><RoundPage /></RequireAuth>} />
        <Route path="/review" element={<RequireAuth><ReviewTasksPage /></RequireAuth>} />
        <Route path="/approvals" element={<RequireAuth roles={['leader', 'organizer', 'admin', 'supervisor']}><ApprovalsPage /></RequireAuth>} />
        <Route path="/projects" element={<RequireAuth><ProjectsPage /></RequireAuth>} />
        <Route path="/projects/:id" element={<RequireAuth><ProjectPage /></RequireAuth>} />
        <Route path="/help-requests" element={<RequireAuth roles={['party_branch', 'leader', 'organizer', 'admin', 'supervisor']}><HelpInboxPage /></RequireAuth>} />
        <Route path="/verify/:code" element={<VerifyPage />} />
        <Route path="/campaigns/:id" element={<RequireAuth><CampaignPage /></RequireAuth>} />
        <Route path="/challenges/:id/race" element={<RequireAuth><RacePage /></RequireAuth>} />
        <Route path="/sponsor" element={<RequireAuth roles={['sponsor']}><SponsorPage /></RequireAuth>} />
        <Route path="/sponsor/challenges/new" element={<RequireAuth roles={['sponsor', 'organizer']}><ChallengeEditPage /></RequireAuth>} />
        <Route path="/sponsor/challenges/:id/edit" element={<RequireAuth roles={['sponsor', 'organizer']}><ChallengeEditPage /></RequireAuth>} />
        <Route path="/admin" element={<RequireAuth roles={['admin']}><AdminPage /></RequireAuth>} />
        <Route path="/audit" element={<RequireAuth roles={['supervisor', 'admin']}><AuditPage /></RequireAuth>} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Layout>
  );
}

void initI18n().then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <AuthProvider>
            <A11yProvider>
              <App />
            </A11yProvider>
          </AuthProvider>
        </BrowserRouter>
      </QueryClientProvider>
    </StrictMode>,
  );
});
