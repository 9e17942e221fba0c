import type { ReactNode } from 'react';
import { NavLink as RouterLink, useLocation } from 'react-router-dom';
import { AppShell, Badge, Burger, Button, Group, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { can, useAuth } from '../auth';
import { canAdmin } from './adminAccess';

export const ROLE_LABEL = {
  admin: 'Administrator',
  asset_manager: 'Asset manager',
  department_head: 'Department head',
  finance: 'Finance',
} as const;

export function Shell({ children }: { children: ReactNode }) {
  const { me, logout } = useAuth();
  const [opened, { toggle, close }] = useDisclosure();
  const loc = useLocation();
  const role = me?.role;
  const links = [
    { to: '/licenses', label: 'Licenses', show: can.licenses(role) },
    { to: '/persons', label: 'Persons', show: can.inventory(role) },
    { to: '/assets', label: 'Assets', show: can.inventory(role) },
    { to: '/reports', label: 'Reports', show: can.reports(role) },
    { to: '/import', label: 'Import', show: can.import(role) },
    { to: '/catalogs', label: 'Catalogs', show: canAdmin.catalogs(role) },
    { to: '/users', label: 'Users', show: canAdmin.users(role) },
    { to: '/audit', label: 'Audit', show: canAdmin.audit(role) },
  ].filter((l) => l.show);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
            />
            <Title order={3}>Seatkeeper</Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" visibleFrom="sm" data-testid="current-user">
              {me?.displayName}
            </Text>
            {role && (
              <Badge variant="light" visibleFrom="xs">
                {ROLE_LABEL[role]}
              </Badge>
            )}
            <Button variant="default" size="xs" onClick={logout}>
              Log out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Main navigation">
        {links.map((l) => (
          <NavLink
            key={l.to}
            component={RouterLink}
            to={l.to}
            label={l.label}
            active={loc.pathname.startsWith(l.to)}
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}
