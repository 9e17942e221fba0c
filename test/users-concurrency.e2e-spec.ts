import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { Api, createTestApp, expectError, TestApp } from './helpers/test-app';

/**
 * Two admins, the only two, removing or demoting each other at the same moment:
 * one wins, the other is refused with 409 LAST_ADMIN, and an admin remains.
 *
 * To make "the same moment" certain, the test holds the admins' rows locked while
 * both requests arrive: on the PostgreSQL server both pass authentication and then
 * wait at that lock (the test sees both waiting before it lets go); the embedded
 * database has one connection, which the test holds, so both requests queue behind it.
 */
describe('the last admin, under concurrent requests', () => {
  let t: TestApp;
  /** An admin client for setting up the next pair (the seeded admin is demoted in the first). */
  let organizer: Api;

  beforeAll(async () => {
    t = await createTestApp();
    organizer = t.admin;
  });
  afterAll(() => t.close());

  const password = 'Race-Admin-Password-1';
  async function newAdmin(): Promise<Api> {
    const email = `race.${randomBytes(4).toString('hex')}@test.local`;
    await organizer
      .post('/api/v1/users')
      .send({ email, password, displayName: 'Racer', role: 'admin' })
      .expect(201);
    return t.login(email, password);
  }

  /** Two new admins, and no other admin left. */
  async function onlyTwoAdmins(): Promise<[Api, Api]> {
    const [a, b] = [await newAdmin(), await newAdmin()];
    const others: { id: string }[] = await t.dataSource.query(
      `SELECT id FROM users WHERE role = 'admin' AND id NOT IN ($1, $2)`,
      [a.userId, b.userId],
    );
    for (const { id } of others) await a.patch(`/api/v1/users/${id}`).send({ role: 'finance' }).expect(200);
    return [a, b];
  }

  async function adminIds(): Promise<string[]> {
    const rows: { id: string }[] = await t.dataSource.query(`SELECT id FROM users WHERE role = 'admin'`);
    return rows.map((r) => r.id);
  }

  /** Sends the requests while the admins' rows are locked, and lets go once all of them wait. */
  async function race(requests: request.Test[]): Promise<request.Response[]> {
    const blocker = t.dataSource.createQueryRunner();
    await blocker.startTransaction();
    await blocker.query(`SELECT id FROM users WHERE role = 'admin' ORDER BY id FOR UPDATE`);
    const answers = Promise.all(requests.map((r) => r.then((res) => res)));
    try {
      if (t.config.databaseUrl) await untilWaiting(requests.length);
      else await new Promise((r) => setTimeout(r, 500));
    } finally {
      await blocker.rollbackTransaction();
      await blocker.release();
    }
    return answers;
  }

  async function untilWaiting(sessions: number): Promise<void> {
    for (let i = 0; i < 200; i++) {
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      if (n >= sessions) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`the requests never waited at the admins' lock`);
  }

  /** Exactly one answer is the success, the other 409 LAST_ADMIN; the winner's actor is the one admin left. */
  async function expectOneWinner(actors: [Api, Api], answers: request.Response[], success: number) {
    expect(answers.map((r) => r.status).sort()).toEqual([success, 409].sort());
    const loser = answers.findIndex((r) => r.status === 409);
    expectError(answers[loser], 409, 'LAST_ADMIN');
    expect(await adminIds()).toEqual([actors[1 - loser].userId]);
    organizer = actors[1 - loser];
  }

  it('demoting each other: one is demoted, the other stays admin', async () => {
    const [a, b] = await onlyTwoAdmins();
    const answers = await race([
      a.patch(`/api/v1/users/${b.userId}`).send({ role: 'finance' }),
      b.patch(`/api/v1/users/${a.userId}`).send({ role: 'finance' }),
    ]);
    await expectOneWinner([a, b], answers, 200);
  });

  it('deleting each other: one is deleted, the other stays admin', async () => {
    const [a, b] = await onlyTwoAdmins();
    const answers = await race([
      a.delete(`/api/v1/users/${b.userId}`),
      b.delete(`/api/v1/users/${a.userId}`),
    ]);
    await expectOneWinner([a, b], answers, 204);
  });

  it('one demoting while the other deletes: still one admin left', async () => {
    const [a, b] = await onlyTwoAdmins();
    const answers = await race([
      a.patch(`/api/v1/users/${b.userId}`).send({ role: 'asset_manager' }),
      b.delete(`/api/v1/users/${a.userId}`),
    ]);
    expect(answers.filter((r) => r.status === 409).map((r) => r.body.code)).toEqual(['LAST_ADMIN']);
    expect(answers.filter((r) => r.status === 200 || r.status === 204)).toHaveLength(1);
    expect(await adminIds()).toHaveLength(1);
  });
});
