import { randomBytes } from 'node:crypto';
import { Api } from './test-app';

/** Test data made through the API, as a client would: each call returns the created record. */
const tag = () => randomBytes(4).toString('hex');

async function created(res: Promise<{ status: number; body: Record<string, unknown> }>, what: string) {
  const r = await res;
  if (r.status !== 201) throw new Error(`creating ${what} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as { id: string } & Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export function factories(api: Api) {
  return {
    orgUnit: (over: Record<string, unknown> = {}) =>
      created(
        api.post('/api/v1/org-units').send({ name: `Unit ${tag()}`, code: `U-${tag()}`, ...over }),
        'org unit',
      ),
    person: (over: Record<string, unknown> = {}) => {
      const t = tag();
      return created(
        api
          .post('/api/v1/persons')
          .send({ firstName: 'P', lastName: t, email: `p.${t}@example.com`, ...over }),
        'person',
      );
    },
    asset: (over: Record<string, unknown> = {}) =>
      created(
        api
          .post('/api/v1/assets')
          .send({ name: `PC ${tag()}`, inventoryNumber: `INV-${tag()}`, kind: 'laptop', ...over }),
        'asset',
      ),
    license: (over: Record<string, unknown> = {}) =>
      created(
        api
          .post('/api/v1/licenses')
          .send({ name: `License ${tag()}`, metric: 'per_user', quantity: 5, ...over }),
        'license',
      ),
  };
}
