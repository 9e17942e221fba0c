import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { Center, Loader } from '@mantine/core';
import { can, useAuth } from './auth';
import { canAdmin } from './components/adminAccess';
import { Shell } from './components/Shell';
import { LoginPage } from './pages/LoginPage';
import { LicensesPage } from './pages/LicensesPage';
import { LicenseDetailPage } from './pages/LicenseDetailPage';
import { PersonsPage } from './pages/PersonsPage';
import { PersonDetailPage } from './pages/PersonDetailPage';
import { AssetsPage } from './pages/AssetsPage';
import { AssetDetailPage } from './pages/AssetDetailPage';

// Pages a role opens now and then load on demand: the reports (with the charts library),
// the import and the admin screens stay out of the first download.
const ReportsPage = lazy(() => import('./pages/ReportsPage').then((m) => ({ default: m.ReportsPage })));
const ImportPage = lazy(() => import('./pages/ImportPage').then((m) => ({ default: m.ImportPage })));
const CatalogsPage = lazy(() => import('./pages/CatalogsPage').then((m) => ({ default: m.CatalogsPage })));
const UsersPage = lazy(() => import('./pages/UsersPage').then((m) => ({ default: m.UsersPage })));
const AuditPage = lazy(() => import('./pages/AuditPage').then((m) => ({ default: m.AuditPage })));

const loading = (
  <Center h="60vh">
    <Loader aria-label="Loading" />
  </Center>
);

export function App() {
  const { token, me, loading: signingIn } = useAuth();
  if (!token) return <LoginPage />;
  if (signingIn || !me)
    return (
      <Center h="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  const role = me.role;
  const home = can.inventory(role) ? '/licenses' : '/reports';
  return (
    <Shell>
      <Suspense fallback={loading}>
        <Routes>
          <Route path="/" element={<Navigate to={home} replace />} />
          <Route path="/licenses" element={<LicensesPage />} />
          <Route path="/licenses/:id" element={<LicenseDetailPage />} />
          {can.inventory(role) && <Route path="/persons" element={<PersonsPage />} />}
          {can.inventory(role) && <Route path="/persons/:id" element={<PersonDetailPage />} />}
          {can.inventory(role) && <Route path="/assets" element={<AssetsPage />} />}
          {can.inventory(role) && <Route path="/assets/:id" element={<AssetDetailPage />} />}
          {can.reports(role) && <Route path="/reports" element={<ReportsPage />} />}
          {can.import(role) && <Route path="/import" element={<ImportPage />} />}
          {canAdmin.catalogs(role) && <Route path="/catalogs/:catalog?" element={<CatalogsPage />} />}
          {canAdmin.users(role) && <Route path="/users" element={<UsersPage />} />}
          {canAdmin.audit(role) && <Route path="/audit" element={<AuditPage />} />}
          <Route path="*" element={<Navigate to={home} replace />} />
        </Routes>
      </Suspense>
    </Shell>
  );
}
