import { Navigate, Route, Routes } from 'react-router-dom';
import { Center, Loader } from '@mantine/core';
import { can, useAuth } from './auth';
import { Shell } from './components/Shell';
import { LoginPage } from './pages/LoginPage';
import { LicensesPage } from './pages/LicensesPage';
import { LicenseDetailPage } from './pages/LicenseDetailPage';
import { PersonsPage } from './pages/PersonsPage';
import { PersonDetailPage } from './pages/PersonDetailPage';
import { AssetsPage } from './pages/AssetsPage';
import { AssetDetailPage } from './pages/AssetDetailPage';
import { ReportsPage } from './pages/ReportsPage';
import { ImportPage } from './pages/ImportPage';

export function App() {
  const { token, me, loading } = useAuth();
  if (!token) return <LoginPage />;
  if (loading || !me)
    return (
      <Center h="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  const role = me.role;
  const home = can.inventory(role) ? '/licenses' : '/reports';
  return (
    <Shell>
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
        <Route path="*" element={<Navigate to={home} replace />} />
      </Routes>
    </Shell>
  );
}
