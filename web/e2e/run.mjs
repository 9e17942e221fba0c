// Browser scenarios against a running server that serves the built UI at "/" and the API at "/api".
// Usage: BASE_URL=http://localhost:4173 node e2e/run.mjs
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { fileURLToPath } from 'node:url';

const BASE_URL = (process.env.BASE_URL ?? 'http://localhost:4173').replace(/\/$/, '');
const SHOTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');
mkdirSync(SHOTS, { recursive: true });
for (const f of readdirSync(SHOTS)) if (f.startsWith('failure-')) rmSync(resolve(SHOTS, f));
const ADMIN = { email: process.env.ADMIN_EMAIL ?? 'admin@seatkeeper.local', password: process.env.ADMIN_PASSWORD ?? 'Seatkeeper-Admin-1' };
const DEMO_PW = process.env.DEMO_PASSWORD ?? 'Seatkeeper-Demo-1';
const HEAD = { email: 'department.head@seatkeeper.local', password: DEMO_PW };
const FINANCE = { email: 'finance@seatkeeper.local', password: DEMO_PW };
const RUN = Date.now().toString(36);
const TMP = mkdtempSync(join(tmpdir(), 'seatkeeper-e2e-'));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

let passed = 0;
let failed = 0;
async function scenario(name, fn) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 860 }, acceptDownloads: true });
  const page = await ctx.newPage();
  page.setDefaultTimeout(10_000);
  try {
    await fn(page, ctx);
    passed++;
    console.log(`ok   - ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL - ${name}\n       ${String(e?.message ?? e).split('\n').slice(0, 4).join('\n       ')}`);
    await page.screenshot({ path: resolve(SHOTS, `failure-${name.replace(/\W+/g, '-')}.png`) }).catch(() => {});
  } finally {
    await ctx.close();
  }
}
const shot = (page, name) => page.screenshot({ path: resolve(SHOTS, `${name}.png`), fullPage: true });
function expect(cond, msg) {
  if (!cond) throw new Error(msg);
}

async function login(page, who) {
  await page.goto(`${BASE_URL}/`);
  await page.getByLabel('Email').fill(who.email);
  await page.getByRole('textbox', { name: 'Password' }).fill(who.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}

async function apiCall(path, { token, method = 'GET', body } = {}) {
  const res = await fetch(`${BASE_URL}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}
// One API login per account and run: the API throttles repeated logins per email.
const sessions = new Map();
async function apiLogin(who) {
  if (!sessions.has(who.email)) {
    const r = await apiCall('/api/v1/auth/login', { method: 'POST', body: who });
    expect(r.status === 200, `API login of ${who.email}: ${r.status}`);
    sessions.set(who.email, r.json);
  }
  return sessions.get(who.email);
}
/** Starts the page already signed in (token in localStorage, as the login page leaves it). */
async function signedIn(page, who) {
  const { accessToken } = await apiLogin(who);
  await page.addInitScript((t) => localStorage.setItem('seatkeeper.token', t), accessToken);
  await page.goto(`${BASE_URL}/`);
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}

/** Picks the first `n` options of the open MultiSelect labelled `label`. */
async function pickOptions(page, label, n) {
  const input = page.getByRole('dialog').getByLabel(label);
  for (let i = 0; i < n; i++) {
    await input.click();
    const opt = page.getByRole('option').first();
    await opt.waitFor();
    await opt.click();
  }
  await page.keyboard.press('Escape').catch(() => {});
}

const licenseName = `E2E license ${RUN}`;

await scenario('log in, session survives a reload, log out', async (page) => {
  await page.goto(`${BASE_URL}/`);
  await shot(page, 'login');
  await login(page, ADMIN);
  await page.getByRole('heading', { name: 'Licenses' }).waitFor();
  await page.getByRole('table', { name: 'Licenses' }).getByRole('row').nth(1).waitFor();
  await shot(page, 'licenses');
  await page.reload();
  await page.getByRole('heading', { name: 'Licenses' }).waitFor();
  for (const n of ['Persons', 'Assets', 'Reports', 'Import']) await page.getByRole('link', { name: n }).waitFor();
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('button', { name: 'Log in' }).waitFor();
  // a bad token ends the session with a clear message
  await page.evaluate(() => localStorage.setItem('seatkeeper.token', 'not-a-token'));
  await page.reload();
  await page.getByText('Your session has ended, please log in again').first().waitFor();
});

await scenario('create a license with both tabs', async (page) => {
  await signedIn(page, ADMIN);
  await page.getByRole('button', { name: 'New license' }).click();
  const dlg = page.getByRole('dialog');
  await dlg.getByLabel(/^Name( \*)?$/).fill(licenseName);
  await dlg.getByLabel('Serial number').fill(`SN-${RUN}`);
  await dlg.getByLabel('Invoice number').fill(`INV-${RUN}`);
  await dlg.getByLabel('Net unit price').fill('100.00');
  await dlg.getByLabel('VAT %').fill('19');
  const gross = await dlg.getByLabel('Gross unit price').inputValue();
  expect(gross === '119.00', `gross price shown ${gross}`);
  await dlg.getByLabel('Quantity per user/computer').fill('2');
  await shot(page, 'license-form-basic');
  await dlg.getByRole('tab', { name: 'Keys' }).click();
  await dlg.getByLabel('License key').fill(`KEY-${RUN}-ABCD`);
  await shot(page, 'license-form-keys');
  await dlg.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { name: licenseName }).waitFor();
  await page.getByRole('tab', { name: 'Keys' }).click();
  await page.getByText(`KEY-${RUN}-ABCD`).waitFor();
  await page.getByRole('tab', { name: 'Details' }).click();
  await shot(page, 'license-detail');
});

await scenario('assign persons until full and see the refusal', async (page) => {
  await signedIn(page, ADMIN);
  await page.getByLabel('Search').fill(licenseName);
  await page.getByRole('link', { name: licenseName }).click();
  await page.getByRole('tab', { name: 'Seats' }).click();
  await page.getByText('Available: 2 / 2').waitFor();
  await page.getByRole('button', { name: 'Assign persons' }).click();
  await pickOptions(page, 'Persons', 2);
  await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
  await page.getByText('Available: 0 / 2').first().waitFor();
  await shot(page, 'license-seats-full');
  await page.getByRole('button', { name: 'Assign persons' }).click();
  await pickOptions(page, 'Persons', 1);
  await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
  await page.getByText('Not enough seats').waitFor();
  await page.getByText(/Only 0 seat\(s\) free/).waitFor();
  await shot(page, 'license-seats-refused');
});

await scenario('reset a device', async (page) => {
  const { accessToken: token } = await apiLogin(ADMIN);
  const lic = await apiCall('/api/v1/licenses', {
    token, method: 'POST',
    body: { name: `E2E devices ${RUN}`, metric: 'per_user', quantity: 2, maxActivationsPerUser: 2, maxDeviceResets: 3, netUnitPrice: '10.00', vatRate: '19', currency: 'EUR' },
  });
  expect(lic.status === 201, `license not created: ${lic.status} ${JSON.stringify(lic.json)}`);
  const persons = (await apiCall('/api/v1/persons?pageSize=50&sort=lastName', { token })).json.items;
  const holder = persons.find((p) => p.active);
  const assets = (await apiCall('/api/v1/assets?pageSize=50&sort=name', { token })).json.items;
  const asset = assets.find((a) => a.status !== 'retired');
  const seat = await apiCall(`/api/v1/licenses/${lic.json.id}/persons`, { token, method: 'POST', body: { personIds: [holder.id] } });
  expect(seat.status === 201, `seat not assigned: ${seat.status}`);
  const assetLabel = `${asset.name} (${asset.inventoryNumber})`;

  await signedIn(page, ADMIN);
  await page.goto(`${BASE_URL}/licenses/${lic.json.id}`);
  await page.getByRole('tab', { name: 'Devices' }).click();
  const resets = page.getByTestId('device-resets');
  await resets.filter({ hasText: 'Resets used: 0 / 3' }).waitFor();
  const row = page.getByRole('table', { name: 'Devices' }).getByRole('row').filter({ hasText: `${holder.firstName} ${holder.lastName}` });
  await row.getByText('No device').waitFor();
  await row.getByRole('button', { name: 'Activate on asset' }).click();
  const dlg = page.getByRole('dialog');
  await dlg.getByLabel('Asset').fill(asset.inventoryNumber);
  await page.getByRole('option', { name: assetLabel }).click();
  await dlg.getByRole('button', { name: 'Activate' }).click();
  await row.getByText(assetLabel).waitFor();
  await row.getByText('1 / 2 activations').waitFor();
  await shot(page, 'license-devices');
  await row.getByRole('button', { name: `Reset ${assetLabel}` }).click();
  await page.getByText('Device reset').first().waitFor();
  await row.getByText(assetLabel).waitFor({ state: 'detached' });
  await row.getByText('No device').waitFor();
  await resets.filter({ hasText: 'Resets used: 1 / 3' }).waitFor();
  // the count survives a reload (read back from the license history)
  await page.reload();
  await page.getByRole('tab', { name: 'Devices' }).click();
  await resets.filter({ hasText: 'Resets used: 1 / 3' }).waitFor();
  await shot(page, 'license-devices-reset');
});

await scenario('a department head cannot see another department\'s person', async (page) => {
  const admin = await apiLogin(ADMIN);
  const head = await apiLogin(HEAD);
  const tree = (await apiCall('/api/v1/org-units/tree', { token: admin.accessToken })).json;
  const inScope = new Set();
  const walk = (nodes, under) => {
    for (const n of nodes) {
      const u = under || n.id === head.user.orgUnitId;
      if (u) inScope.add(n.id);
      walk(n.children ?? [], u);
    }
  };
  walk(tree, false);
  const persons = (await apiCall('/api/v1/persons?pageSize=500', { token: admin.accessToken })).json.items;
  const outside = persons.find((p) => p.orgUnitId && !inScope.has(p.orgUnitId));
  const inside = persons.find((p) => p.orgUnitId && inScope.has(p.orgUnitId));
  expect(outside, 'no person outside the department head\'s scope in the demo data');
  await signedIn(page, HEAD);
  expect(!(await page.getByRole('link', { name: 'Reports' }).count()), 'department head sees Reports');
  expect(!(await page.getByRole('link', { name: 'Import' }).count()), 'department head sees Import');
  await page.getByRole('link', { name: 'Persons' }).click();
  await page.getByRole('table', { name: 'Persons' }).getByRole('row').nth(1).waitFor();
  expect(!(await page.getByText(outside.email).count()), 'outside person listed');
  await shot(page, 'persons-department-head');
  await page.goto(`${BASE_URL}/persons/${outside.id}`);
  await page.getByText('Person not found or outside your scope.').waitFor();
  if (inside) {
    await page.goto(`${BASE_URL}/persons/${inside.id}`);
    await page.getByRole('heading', { name: `${inside.firstName} ${inside.lastName}` }).waitFor();
    await shot(page, 'person-detail');
  }
});

await scenario('download the cost workbook and open it with exceljs', async (page) => {
  await signedIn(page, FINANCE);
  expect(!(await page.getByRole('link', { name: 'Import' }).count()), 'finance sees Import');
  await page.getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('table', { name: 'Cost report' }).getByRole('row').nth(1).waitFor();
  await page.waitForTimeout(500);
  await shot(page, 'reports-costs');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download xlsx' }).click()]);
  const name = dl.suggestedFilename();
  expect(name.endsWith('.xlsx'), `downloaded ${name}`);
  const path = await dl.path();
  expect(statSync(path).size > 1000, 'workbook is empty');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const sheets = wb.worksheets.map((w) => w.name);
  for (const n of ['Summary', 'Costs', 'License lines']) expect(sheets.includes(n), `sheet ${n} missing: ${sheets.join(', ')}`);
  // a figure of the workbook matches the JSON report the page shows (default grouping)
  const { accessToken } = await apiLogin(FINANCE);
  const report = (await apiCall('/api/v1/reports/costs?groupBy=orgUnit&view=owner', { token: accessToken })).json;
  const first = report.rows[0];
  const costs = wb.getWorksheet('Costs');
  const header = costs.getRow(1).values;
  const gCol = header.indexOf('Group');
  const grossCol = header.indexOf('Gross');
  expect(gCol > 0 && grossCol > 0, `Costs header: ${JSON.stringify(header)}`);
  let found = null;
  costs.eachRow((r, i) => { if (i > 1 && r.getCell(gCol).value === first.group && found === null) found = r.getCell(grossCol).value; });
  expect(found !== null, `group ${first.group} not in the Costs sheet`);
  expect(Math.abs(Number(found) - Number(first.gross)) < 0.005, `gross of ${first.group}: workbook ${found}, report ${first.gross}`);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download csv' }).click()]);
  expect(csv.suggestedFilename().endsWith('.csv'), `downloaded ${csv.suggestedFilename()}`);
});

await scenario('import a file with an error and see the row', async (page) => {
  const file = join(TMP, `persons-${RUN}.csv`);
  writeFileSync(file, [
    'Email,First name,Last name,Employee number,Org unit,Location,Active',
    `imp.ok.${RUN}@example.com,Ida,Okay,,,,yes`,
    `not-an-email-${RUN},Bob,Broken,,,,yes`,
  ].join('\n') + '\n');
  await signedIn(page, ADMIN);
  await page.getByRole('link', { name: 'Import' }).click();
  await page.getByRole('heading', { name: 'Import' }).waitFor();
  await page.getByRole('combobox', { name: 'Entity' }).click();
  await page.getByRole('option', { name: 'Persons' }).click();
  await page.locator('input[type="file"]').setInputFiles(file);
  await page.getByRole('button', { name: 'Check (dry run)' }).click();
  const errs = page.getByRole('table', { name: 'Import errors' });
  const row = errs.getByRole('row').filter({ hasText: `not-an-email-${RUN}` });
  await row.waitFor();
  const cells = await row.getByRole('cell').allInnerTexts();
  expect(cells[0].trim() === '3', `error row number ${cells[0]}`);
  expect(/email/i.test(cells[3]), `error message ${cells[3]}`);
  await page.getByText(/1 error\(s\) in 2 row\(s\)/).waitFor();
  expect(await page.getByRole('button', { name: 'Confirm import' }).isDisabled(), 'import can be confirmed despite the error');
  await shot(page, 'import-errors');
});

await scenario('create a person and an asset', async (page) => {
  const { accessToken: token } = await apiLogin(ADMIN);
  const taken = (await apiCall('/api/v1/persons?pageSize=1', { token })).json.items[0].email;
  await signedIn(page, ADMIN);
  await page.getByRole('link', { name: 'Persons' }).click();
  await page.getByRole('button', { name: 'New person' }).click();
  const dlg = page.getByRole('dialog');
  await dlg.getByLabel(/^First name/).fill('Erin');
  await dlg.getByLabel(/^Last name/).fill(`Endtoend ${RUN}`);
  await dlg.getByLabel(/^Email/).fill(taken);
  await dlg.getByLabel('Employee number').fill(`E2E-${RUN}`);
  await dlg.getByRole('textbox', { name: 'Org unit' }).click();
  await page.getByRole('option').first().click();
  await dlg.getByRole('button', { name: 'Save' }).click();
  // the API's refusal shows at the field
  await dlg.getByText('Another person already has this email.').first().waitFor();
  expect(await dlg.getByLabel(/^Email/).getAttribute('aria-invalid') === 'true', 'email field not marked invalid');
  await shot(page, 'person-form-error');
  await dlg.getByLabel(/^Email/).fill(`erin.${RUN}@example.com`);
  await dlg.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { name: `Erin Endtoend ${RUN}` }).waitFor();
  await page.getByText(`erin.${RUN}@example.com`).first().waitFor();
  await shot(page, 'person-created');

  await page.getByRole('link', { name: 'Assets' }).click();
  await page.getByRole('button', { name: 'New asset' }).click();
  await dlg.getByLabel(/^Name/).fill(`E2E laptop ${RUN}`);
  await dlg.getByLabel(/^Inventory number/).fill(`INV-E2E-${RUN}`);
  await dlg.getByRole('combobox', { name: 'Owner' }).fill(`Endtoend ${RUN}`);
  await page.getByRole('option', { name: new RegExp(`Endtoend ${RUN}`) }).click();
  await dlg.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { name: `E2E laptop ${RUN}` }).waitFor();
  await page.getByRole('link', { name: `Erin Endtoend ${RUN}` }).waitFor();
  await page.getByText('No licenses on this asset.').waitFor();
  await shot(page, 'asset-detail');
});

await scenario('assets list and a narrow screen', async (page, ctx) => {
  await signedIn(page, ADMIN);
  await page.getByRole('link', { name: 'Assets' }).click();
  await page.getByRole('table', { name: 'Assets' }).getByRole('row').nth(1).waitFor();
  await shot(page, 'assets');
  const mobile = await ctx.newPage();
  await mobile.setViewportSize({ width: 390, height: 844 });
  await mobile.goto(`${BASE_URL}/licenses`);
  await mobile.getByRole('heading', { name: 'Licenses' }).waitFor();
  await mobile.getByRole('button', { name: 'Toggle navigation' }).click();
  await mobile.getByRole('link', { name: 'Persons' }).click();
  await mobile.getByRole('heading', { name: 'Persons' }).waitFor();
  await mobile.screenshot({ path: resolve(SHOTS, 'persons-390px.png') });
});

await browser.close();
rmSync(TMP, { recursive: true, force: true });
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
