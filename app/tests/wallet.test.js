// Signing with a browser wallet extension, through the injected-accounts standard
// (window.injectedWeb3, as the polkadot.js extension and compatible wallets provide it): a test
// wallet in the page holds Ferdie's account and signs each payload it is asked to sign with
// @polkadot/api in Node, as the extension does. And funding offers, made from Node as another
// person would, accepted and removed in the app.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { hexToU8a, u8aToHex, u8aWrapBytes } from '@polkadot/util';
import { APP, RPC, as, close, launch, open, sign } from './browser.js';

// escrow-chain names the asset that pays a fee by its u32 id (see scripts/lib: TYPES).
const TYPES = { TAssetConversion: 'Option<u32>' };
let api;
let keyring;

before(async () => {
  api = await ApiPromise.create({ provider: new WsProvider(RPC.replace(/^http/, 'ws')), types: TYPES, noInitWarn: true });
  keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
});
after(async () => {
  await close();
  await api?.disconnect();
});

/** The wallet of the page: one account; what it signs, listed in `signed`. */
async function pageWithWallet(hash, uri, name) {
  const pair = keyring.addFromUri(uri);
  const context = await (await launch()).newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  const signed = [];
  const raw = [];
  await context.exposeFunction('testWalletSign', (payload) => {
    signed.push(payload);
    // What the extension does: the payload as @polkadot/api encodes it, signed by the key.
    const ext = api.registry.createType('ExtrinsicPayload', payload, { version: payload.version });
    return ext.sign(pair).signature;
  });
  // What the extension does with a message: wraps it in <Bytes>…</Bytes>, then signs.
  await context.exposeFunction('testWalletSignRaw', (data) => {
    raw.push(data);
    return u8aToHex(pair.sign(u8aWrapBytes(hexToU8a(data))));
  });
  await context.addInitScript(
    ({ address, name }) => {
      const accounts = [{ address, name, type: 'sr25519' }];
      window.injectedWeb3 = {
        'test-wallet': {
          version: '1.0.0',
          enable: async () => ({
            accounts: { get: async () => accounts, subscribe: (cb) => (cb(accounts), () => {}) },
            signer: {
              signPayload: async (payload) => ({ id: 1, signature: await window.testWalletSign(payload) }),
              signRaw: async ({ data }) => ({ id: 2, signature: await window.testWalletSignRaw(data) }),
            },
          }),
        },
      };
    },
    { address: pair.address, name },
  );
  const page = await context.newPage();
  await page.goto(APP + hash);
  await page.getByTestId('chain-status').filter({ hasText: '#' }).waitFor();
  return { page, signed, raw, pair };
}

test('browser wallet extensions: the store signs its link in one, the buyer pays it from another', async () => {
  // Bob's key in a wallet: the store's page signs the payment link with it.
  const owner = await pageWithWallet('#/store', '//Bob', 'Bob in a wallet');
  await owner.page.getByRole('button', { name: 'Connect test-wallet' }).click();
  await as(owner.page, 'Bob in a wallet');
  const card = owner.page.getByTestId('request');
  await card.getByTestId('req-order').fill(`W-${Date.now().toString(36)}`);
  await card.getByTestId('req-asset').selectOption('native');
  await card.getByTestId('req-items').fill('Notebook; 1; 2');
  await card.getByTestId('req-sign').setChecked(true);
  await card.getByTestId('req-create').click();
  await card.getByTestId('req-signed').waitFor();
  assert.equal(owner.raw.length, 1, 'the wallet signed the request once');
  const link = await card.getByTestId('req-link').inputValue();
  await owner.page.context().close();

  const { page, signed, pair } = await pageWithWallet(link.slice(link.indexOf('#')), '//Ferdie', 'Ferdie in a wallet');
  await page.getByRole('button', { name: 'Connect test-wallet' }).click();
  await as(page, 'Ferdie in a wallet');
  assert.equal(await page.getByTestId('account').inputValue(), pair.address);
  // The wallet's signature, made over the wrapped bytes, checks out before paying.
  await page.getByTestId('signature-ok').waitFor();
  await sign(page, page.getByTestId('pay-button'));
  assert.equal(signed.length, 1, 'the wallet signed once');
  assert.equal(signed[0].address, pair.address);
  await page.waitForURL(/#\/buyer/);
  await page.locator('[data-testid=buyer-open] article[data-status=Accepted]').first().waitFor();
  await page.context().close();
});

test('funding: an offer made to the buyer is accepted in the app, then removed', async () => {
  // Dave offers Eve top-ups of up to 50 ESC, from Node.
  const dave = keyring.addFromUri('//Dave');
  const eve = keyring.addFromUri('//Eve');
  await new Promise((resolve, reject) => {
    api.tx.funding
      .approveTopUp(eve.address, 'Native', 50n * 10n ** 12n)
      .signAndSend(dave, ({ status, dispatchError }) => {
        if (dispatchError) reject(new Error(dispatchError.toString()));
        else if (status.isInBlock || status.isFinalized) resolve();
      })
      .catch(reject);
  });

  const page = await open('#/buyer', { account: 'Eve' });
  const funding = page.getByTestId('funding');
  await funding.getByText(/Top-ups offered by/).waitFor();
  assert.match(await funding.textContent(), /up to\s*50 ESC/);
  await sign(page, funding.getByTestId('accept-top-up'));
  await funding.getByText(/Linked account .* up to/).waitFor();
  assert.equal(await funding.getByText(/Top-ups offered by/).count(), 0);
  await sign(page, funding.getByRole('button', { name: 'Remove' }));
  await funding.getByText('No offers and no links.').waitFor();
  await page.context().close();
});
