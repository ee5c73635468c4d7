// The web app as a store and a buyer use it, in Chromium, against a development node that
// seals a block for each transaction (scripts/app.sh starts both). Each test uses its own order
// numbers, so that they share one chain.
import { after, afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { APP, accessible, as, blocks, close, keyboardReachable, launch, open, shootOpenPages, shot, sign } from './browser.js';

after(close);
// Order numbers of this run: the tests may run again on the same chain.
const RUN = Date.now().toString(36).slice(-5).toUpperCase();
const no = (n) => `${n}-${RUN}`;
/** Alice's development account, as the app shows it on the development chain (SS58 prefix 42). */
const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
afterEach((t) => (t.passed ? undefined : shootOpenPages()));

/**
 * As the store: a payment request for `order` at the store picked, returned as its link;
 * signed by the store (accepted as it is paid) with `{ signed: true }`, else for the store to
 * accept once it sees the payment.
 */
async function paymentRequest(page, order, items, asset, { signed = false, payer } = {}) {
  const card = page.getByTestId('request');
  await card.getByTestId('req-order').fill(order);
  await card.getByTestId('req-sign').setChecked(signed);
  if (payer) await card.getByTestId('req-payer').fill(payer);
  // The currency menu's values: 'native' (ESC) or an asset id ('1': eUSD).
  await card.getByTestId('req-asset').selectOption(asset === 'ESC' ? 'native' : '1');
  await card.getByTestId('req-items').fill(items);
  await card.getByTestId('req-create').click();
  if (signed) await card.getByTestId('req-signed').waitFor();
  return card.getByTestId('req-link').inputValue();
}

/** As `account`, opens the payment link and pays; resolves on the buyer's screen. */
async function pays(link, account) {
  const buyer = await open(link.slice(link.indexOf('#')), { account });
  await buyer.getByTestId('snapshot-ok').waitFor();
  await sign(buyer, buyer.getByTestId('pay-button'));
  await buyer.waitForURL(/#\/buyer/);
  return buyer;
}

/** As the store: accepts the payment of `order`, and ships it with `carrier` if given. */
async function acceptAndShip(store, order, carrier) {
  await sign(store, store.getByTestId(`waiting-${order}`).getByTestId('accept'));
  if (!carrier) return;
  const row = store.getByTestId(`order-${order}`);
  await row.getByTestId('ship-ref').fill(carrier);
  await sign(store, row.getByTestId('ship'));
}

/** The buyer's settlement for `order` (in `status`, if given). */
const settlement = (page, order, status) =>
  page.locator(`article[data-order="${order}"]${status ? `[data-status=${status}]` : ''}`).first();
/** The store's order `order` (in `status`, if given). */
const storeOrder = (page, order, status) =>
  page.locator(`[data-testid="order-${order}"]${status ? `[data-status=${status}]` : ''}`);

describe('the store and the buyer', () => {
  test('a store order paid from a link, accepted, shipped, confirmed: both see it completed with its payment record', async () => {
    // Bob owns the demo store (0), which accepts ESC and eUSD.
    const store = await open('#/store', { account: 'Bob' });
    const link = await paymentRequest(store, no('T-100'), 'Green tea; 2; 4.50\nTea cup; 1; 3', 'eUSD');
    assert.equal(await store.getByTestId('req-total').textContent(), '12 eUSD');
    assert.ok(await store.getByTestId('req-made').locator('svg').count(), 'a QR code of the link');
    await shot(store, 'store-request');

    // Charlie opens the link: the store, the order, the amount, the document checked.
    const buyer = await open(link.slice(link.indexOf('#')), { account: 'Charlie' });
    await buyer.getByTestId('snapshot-ok').waitFor();
    await buyer.getByTestId('pay-store').filter({ hasText: 'Demo store (#0)' }).waitFor();
    assert.equal(await buyer.getByTestId('pay-order').textContent(), no('T-100'));
    assert.equal(await buyer.getByTestId('pay-amount').textContent(), '12 eUSD');
    await shot(buyer, 'pay');
    await sign(buyer, buyer.getByTestId('pay-button'));

    // Held, not spent: the buyer's list shows it waiting for the store.
    await buyer.waitForURL(/#\/buyer/);
    const mine = settlement(buyer, no('T-100'));
    await settlement(buyer, no('T-100'), 'AwaitingAcceptance').waitFor();
    // 12 eUSD and the settlement deposit (0.1 eUSD at the dev chain's rate) are held.
    await buyer.getByTestId('held-eUSD').filter({ hasText: '12.1 eUSD' }).waitFor();

    // The store sees it live, accepts it at its own amount, ships it.
    const waiting = store.getByTestId(`waiting-${no('T-100')}`);
    await waiting.waitFor();
    assert.match(await waiting.textContent(), /matches your payment request/);
    await sign(store, waiting.getByTestId('accept'));
    const order = store.getByTestId(`order-${no('T-100')}`);
    await storeOrder(store, no('T-100'), 'Paid').waitFor();
    await order.getByTestId('ship-ref').fill('SF1234567890');
    await sign(store, order.getByTestId('ship'));
    await storeOrder(store, no('T-100'), 'Shipped').waitFor();
    assert.match(await order.getByTestId('countdown').textContent(), /^in \d+ d/);
    await shot(store, 'store-orders');

    // The buyer sees the deadline as a date and a countdown, and confirms.
    await settlement(buyer, no('T-100'), 'Shipped').waitFor();
    assert.match(await mine.getByTestId('countdown').textContent(), /^in \d+ d/);
    await shot(buyer, 'buyer-shipped');
    await sign(buyer, mine.getByTestId('confirm'));

    // Both see it completed, with the payment record.
    const done = buyer.locator(`[data-testid=buyer-closed] [data-order="${no('T-100')}"][data-status=Completed]`);
    await done.waitFor();
    assert.match(await done.getByTestId('receipt').textContent(), /12 eUSD paid to .* confirmed by the buyer/);
    await buyer.getByTestId('held-eUSD').filter({ hasText: /held\s*0 eUSD|^0 eUSD/ }).waitFor().catch(() => {});
    assert.equal(await buyer.getByTestId('held-eUSD').textContent(), '0 eUSD');
    await shot(buyer, 'buyer-completed');
    const completed = storeOrder(store, no('T-100'), 'Completed');
    await completed.waitFor();
    assert.match(await completed.getByTestId('receipt').textContent(), /12 eUSD paid/);
    assert.match(await store.getByTestId('payout-eUSD').textContent(), /\d+ eUSD/);
    await shot(store, 'store-completed');
    await Promise.all([store.context().close(), buyer.context().close()]);
  });

  test('a new store registered from the app; the chain pays it at the deadline, seen live', async () => {
    const owner = await open('#/store', { account: 'Dave' });
    const form = owner.getByTestId('register');
    await form.getByTestId('store-name').fill("Dave's Deli");
    // Half a minute: 5 blocks of 6 s.
    await form.getByTestId('store-limit').fill('0.5');
    await sign(owner, form.getByTestId('register-button'));
    await owner.getByTestId('request').filter({ hasText: "Dave's Deli" }).waitFor();
    const link = await paymentRequest(owner, no('D-1'), 'Bagel; 3; 1.5', 'ESC');

    const buyer = await pays(link, 'Eve');
    await acceptAndShip(owner, no('D-1'), 'DHL 00340434');

    const mine = settlement(buyer, no('D-1'));
    await settlement(buyer, no('D-1'), 'Shipped').waitFor();
    assert.match(await mine.getByTestId('countdown').textContent(), /^in \d+ s$/);
    // Nobody confirms: the blocks pass the deadline and the page follows them.
    await blocks(6);
    const done = buyer.locator(`[data-testid=buyer-closed] [data-order="${no('D-1')}"][data-status=Completed]`);
    await done.waitFor();
    assert.match(await done.getByTestId('receipt').textContent(), /4\.5 ESC paid to .* paid at the deadline/);
    await storeOrder(owner, no('D-1'), 'Completed').waitFor();
    await Promise.all([owner.context().close(), buyer.context().close()]);
  });

  test("a store joins a marketplace at the rate it shows; the buyer sees who takes what before paying and on the receipt", async () => {
    const owner = await open('#/store', { account: 'Ferdie' });
    const form = owner.getByTestId('register');
    await form.getByTestId('store-name').fill("Ferdie's Fruit");
    await sign(owner, form.getByTestId('register-button'));
    await owner.getByTestId('request').filter({ hasText: "Ferdie's Fruit" }).waitFor();

    // The development chain's demo marketplace is number 0, at 2.5%.
    const market = owner.getByTestId('marketplace');
    assert.match(await market.textContent(), /in no marketplace/);
    await market.getByTestId('market-id').fill('0');
    await market.getByTestId('market-offer').filter({ hasText: 'Demo bazaar takes 2.5% of what your store is paid' }).waitFor();
    await sign(owner, market.getByTestId('market-join'));
    await market.getByTestId('market-current').filter({ hasText: 'In Demo bazaar: 2.5% of each payout goes to it.' }).waitFor();
    await shot(owner, 'store-marketplace');

    const link = await paymentRequest(owner, no('M-1'), 'Apples; 4; 2.5', 'ESC');
    const buyer = await open(link.slice(link.indexOf('#')), { account: 'Eve' });
    await buyer.getByTestId('snapshot-ok').waitFor();
    await buyer.getByTestId('pay-marketplace').filter({ hasText: 'Demo bazaar takes 2.5% of what the store is paid; your price is the same' }).waitFor();
    assert.equal(await buyer.getByTestId('pay-amount').textContent(), '10 ESC');
    await shot(buyer, 'pay-marketplace');
    await sign(buyer, buyer.getByTestId('pay-button'));
    await buyer.waitForURL(/#\/buyer/);
    await acceptAndShip(owner, no('M-1'), 'DHL 00340499');

    const mine = settlement(buyer, no('M-1'));
    await settlement(buyer, no('M-1'), 'Shipped').waitFor();
    assert.equal(await mine.getByTestId('commission').textContent(), '2.5% of each payout to the store, to Demo bazaar');
    await sign(buyer, mine.getByTestId('confirm'));
    const done = buyer.locator(`[data-testid=buyer-closed] [data-order="${no('M-1')}"][data-status=Completed]`);
    await done.waitFor();
    // The marketplace's name is read from the chain after the receipt.
    await done.getByTestId('receipt').filter({ hasText: /10 ESC paid to .*0\.25 ESC of it to Demo bazaar, 9\.75 ESC to the store/ }).waitFor();
    await shot(buyer, 'buyer-commission');
    const completed = storeOrder(owner, no('M-1'), 'Completed');
    await completed.waitFor();
    await completed.getByTestId('receipt').filter({ hasText: /0\.25 ESC of it to Demo bazaar, 9\.75 ESC to the store/ }).waitFor();
    await Promise.all([owner.context().close(), buyer.context().close()]);
  });

  test('a cart of two stores paid with one signature; a link that fails its checks keeps the cart from being paid', async () => {
    // Two stores: Bob's demo store signs an eUSD link, Alice's new store makes an ESC one.
    const bob = await open('#/store', { account: 'Bob' });
    const first = await paymentRequest(bob, no('C-1'), 'Notebook; 2; 3', 'eUSD', { signed: true });
    const alice = await open('#/store', { account: 'Alice' });
    const form = alice.getByTestId('register');
    await form.getByTestId('store-name').fill("Alice's Attic");
    await sign(alice, form.getByTestId('register-button'));
    await alice.getByTestId('request').filter({ hasText: "Alice's Attic" }).waitFor();
    const second = await paymentRequest(alice, no('C-2'), 'Lamp; 1; 7', 'ESC');

    // Charlie adds each from its pay page.
    const buyer = await open(first.slice(first.indexOf('#')), { account: 'Charlie' });
    await buyer.getByTestId('signature-ok').waitFor();
    await buyer.getByTestId('add-to-cart').click();
    await buyer.waitForURL(/#\/cart/);
    await buyer.goto(second);
    await buyer.getByTestId('snapshot-ok').waitFor();
    await buyer.getByTestId('add-to-cart').and(buyer.locator(':enabled')).click();
    await buyer.waitForURL(/#\/cart/);
    const cart = buyer.getByTestId('cart');
    await cart.locator('li[data-ready=true]').nth(1).waitFor();

    // A third link, its amount changed on its way: the cart says which, and pays nothing.
    const [base, param] = second.split('#/pay?r=');
    const body = JSON.parse(Buffer.from(param, 'base64url').toString());
    const changed = `${base}#/pay?r=${Buffer.from(JSON.stringify({ ...body, o: no('C-3'), m: '1' })).toString('base64url')}`;
    await cart.getByTestId('cart-paste').fill(changed);
    await cart.getByTestId('cart-add').click();
    await cart.getByTestId('cart-blocked').waitFor();
    assert.match(await cart.textContent(), new RegExp(`Order ${no('C-3')}: `));
    assert.equal(await cart.getByTestId('cart-pay').isDisabled(), true);
    await shot(buyer, 'cart-blocked');
    await cart.locator('li[data-ready=false]').getByTestId('cart-remove').click();

    // Both at once, in their own currencies: one signature.
    await cart.getByTestId('cart-pay').and(buyer.locator(':enabled')).waitFor();
    assert.equal(await cart.getByTestId('cart-pay').textContent(), 'Pay all 2 orders');
    await shot(buyer, 'cart');
    await sign(buyer, cart.getByTestId('cart-pay'));
    await buyer.waitForURL(/#\/buyer/);
    // Signed by its store, the first is accepted as it is paid; the second waits for Alice.
    await settlement(buyer, no('C-1'), 'Accepted').waitFor();
    await settlement(buyer, no('C-2'), 'AwaitingAcceptance').waitFor();
    await shot(buyer, 'buyer-cart-paid');
    await Promise.all([bob.context().close(), alice.context().close(), buyer.context().close()]);
  });

  test("a refused action shows the pallet's own documentation of its error", async () => {
    const store = await open('#/store', { account: 'Bob' });
    const link = await paymentRequest(store, no('T-200'), 'Kettle; 1; 20', 'ESC');
    const buyer = await pays(link, 'Ferdie');
    await acceptAndShip(store, no('T-200'));

    // Accepted and not shipped: the buyer may not cancel before the ship-by limit.
    const mine = settlement(buyer, no('T-200'));
    await settlement(buyer, no('T-200'), 'Accepted').waitFor();
    await assert.rejects(sign(buyer, mine.getByTestId('cancel')), (e) => {
      assert.match(
        e.message,
        /The store accepted and its ship-by limit has not passed: it may still ship\. Ask the store for a refund, or cancel after the limit\. \(Escrow\.StoreMayStillShip\)/,
      );
      return true;
    });
    await shot(buyer, 'error');
    // Nothing moved: still accepted; the store refunds it.
    assert.equal(await mine.getAttribute('data-status'), 'Accepted');
    await sign(store, store.getByTestId(`order-${no('T-200')}`).getByTestId('refund'));
    await buyer.locator(`[data-testid=buyer-closed] [data-order="${no('T-200')}"][data-status=Refunded]`).waitFor();
    await Promise.all([store.context().close(), buyer.context().close()]);
  });

  test('a dispute: the buyer disputes, the arbiter sees its evidence and rules a split', async () => {
    const store = await open('#/store', { account: 'Bob' });
    const link = await paymentRequest(store, no('T-300'), 'Teapot; 1; 30', 'eUSD');
    const buyer = await pays(link, 'Charlie');
    await acceptAndShip(store, no('T-300'), 'EMS 778899');

    const mine = settlement(buyer, no('T-300'));
    await settlement(buyer, no('T-300'), 'Shipped').waitFor();
    await mine.locator('summary').click();
    await mine.getByTestId('note').fill('The teapot arrived cracked; photos sent to the store.');
    await sign(buyer, mine.getByTestId('dispute'));
    await settlement(buyer, no('T-300'), 'Disputed').waitFor();
    // The same panel, now with the dispute's tools: opened again if the page closed it.
    if (!(await mine.locator('details').evaluate((d) => d.open))) await mine.locator('summary').click();
    await mine.getByTestId('note').fill('photo-1.jpg');
    await sign(buyer, mine.getByTestId('evidence'));

    const arbiter = await open('#/arbiter', { account: 'Alice' });
    const dispute = arbiter.locator('[data-testid^=dispute-]', { hasText: no('T-300') });
    await dispute.locator('.evidence li').first().waitFor();
    assert.match(await dispute.textContent(), /Dispute opened by the buyer/);
    await shot(arbiter, 'arbiter');
    await dispute.getByTestId('ruling-payout').fill('20');
    await sign(arbiter, dispute.getByTestId('rule-split'));

    const done = buyer.locator(`[data-testid=buyer-closed] [data-order="${no('T-300')}"][data-status=Completed]`);
    await done.waitFor();
    assert.match(await done.getByTestId('receipt').textContent(), /20 eUSD paid to .* ruled by the arbiter/);
    await Promise.all([store.context().close(), buyer.context().close(), arbiter.context().close()]);
  });
  test('after-sales: the buyer asks for a refund, the store wants the goods back, the return is refunded', async () => {
    const store = await open('#/store', { account: 'Bob' });
    const link = await paymentRequest(store, no('T-600'), 'Chair; 1; 40', 'ESC');
    const buyer = await pays(link, 'Dave');
    await acceptAndShip(store, no('T-600'), 'SF 55501');

    // The buyer asks for everything back, with a statement.
    const mine = settlement(buyer, no('T-600'), 'Shipped');
    await mine.waitFor();
    await mine.locator('summary').click();
    await mine.getByTestId('refund-amount').fill('40');
    await mine.getByTestId('note').fill('The chair arrived with a broken leg.');
    await sign(buyer, mine.getByTestId('request-refund'));
    const asked = settlement(buyer, no('T-600'), 'RefundRequested');
    await asked.getByTestId('refund-request').filter({ hasText: "waiting for the store's answer" }).waitFor();
    assert.match(await asked.getByTestId('refund-request').textContent(), /The buyer asks 40 ESC back/);
    assert.match(await asked.getByTestId('refund-request').textContent(), /in \d+ s|in 1 min/);

    // The store sees it in after-sales and asks for the goods back.
    const order = storeOrder(store, no('T-600'), 'AfterSales');
    await order.waitFor();
    await sign(store, order.getByTestId('grant-return'));
    await order.locator('[data-testid=refund-request][data-stage=AwaitingReturn]').waitFor();

    // The buyer ships the goods back.
    await asked.locator('[data-testid=refund-request][data-stage=AwaitingReturn]').waitFor();
    await asked.getByTestId('return-ref').fill('SF 77702');
    await sign(buyer, asked.getByTestId('mark-returned'));
    await order.locator('[data-testid=refund-request][data-stage=Returned]').waitFor();
    assert.match(await order.textContent(), /Returned with SF 77702/);
    await shot(store, 'store-after-sales');

    // The goods are back: the store confirms and the buyer is refunded.
    await sign(store, order.getByTestId('confirm-return'));
    await storeOrder(store, no('T-600'), 'Refunded').waitFor();
    await buyer.locator(`[data-testid=buyer-closed] [data-order="${no('T-600')}"][data-status=Refunded]`).waitFor();
    await Promise.all([store.context().close(), buyer.context().close()]);
  });

  test('a signed link is paid while the store is offline; a link changed after signing is refused', async () => {
    // Bob signs a link and closes his page: the store is offline from here.
    const store = await open('#/store', { account: 'Bob' });
    // Made out to Alice: only her account can pay it.
    const link = await paymentRequest(store, no('S-100'), 'Notebook; 2; 3', 'ESC', { signed: true, payer: ALICE });
    assert.match(await store.getByTestId('req-signed').textContent(), /Signed by Bob: accepted as paid until block \d+/);
    await shot(store, 'store-signed-request');
    await store.context().close();

    // A term changed on the way (the time limit, the last valid block): the signature no
    // longer matches, and the page says so before anything is signed.
    const [base, param] = link.split('#/pay?r=');
    const body = JSON.parse(Buffer.from(param, 'base64url').toString());
    const relink = (changed) => `#/pay?r=${Buffer.from(JSON.stringify(changed)).toString('base64url')}`;
    const buyer = await open(relink({ ...body, t: body.t + 100 }), { account: 'Alice' });
    assert.equal(body.p, ALICE);
    await buyer.getByText(/signature does not match this link/).waitFor();
    assert.equal(await buyer.getByTestId('pay-button').isDisabled(), true);
    await buyer.goto('about:blank');
    await buyer.goto(`${base}${relink({ ...body, v: body.v + 1 })}`);
    await buyer.getByText(/signature does not match this link/).waitFor();
    assert.equal(await buyer.getByTestId('pay-button').isDisabled(), true);

    // The link as Bob signed it, opened by Charlie: it is not his to pay.
    await buyer.goto('about:blank');
    await buyer.goto(link);
    await as(buyer, 'Charlie');
    await buyer.getByText(/made this link for another account/).waitFor();
    assert.equal(await buyer.getByTestId('pay-button').isDisabled(), true);

    // Alice's: checked, and paid in one transaction.
    await as(buyer, 'Alice');
    await buyer.getByTestId('signature-ok').waitFor();
    assert.match(await buyer.getByTestId('pay-valid-until').textContent(), new RegExp(`Valid until block ${body.v}`));
    await shot(buyer, 'pay-signed');
    await sign(buyer, buyer.getByTestId('pay-button'));
    await buyer.waitForURL(/#\/buyer/);
    // Accepted at once: no wait for the store.
    await settlement(buyer, no('S-100'), 'Accepted').waitFor();
    await shot(buyer, 'buyer-signed-accepted');

    // Bob comes back: the order is paid, and he ships it.
    const back = await open('#/store', { account: 'Bob' });
    const order = storeOrder(back, no('S-100'), 'Paid');
    await order.waitFor();
    await order.getByTestId('ship-ref').fill('SF5550001');
    await sign(back, order.getByTestId('ship'));
    await storeOrder(back, no('S-100'), 'Shipped').waitFor();
    await settlement(buyer, no('S-100'), 'Shipped').waitFor();
    await Promise.all([back.context().close(), buyer.context().close()]);
  });

  test('a payment link changed on its way is refused: another amount, another document', async () => {
    const store = await open('#/store', { account: 'Bob' });
    const link = await paymentRequest(store, no('T-500'), 'Lamp; 1; 15', 'eUSD');
    const [base, param] = link.split('#/pay?r=');
    const body = JSON.parse(Buffer.from(param, 'base64url').toString());
    const relink = (changed) => `${base}#/pay?r=${Buffer.from(JSON.stringify(changed)).toString('base64url')}`;

    // Each link is opened afresh and judged once the store is read from the chain.
    const visit = async (url) => {
      await buyer.goto('about:blank');
      await buyer.goto(url);
      await buyer.getByTestId('pay-store').filter({ hasText: 'Demo store (#0)' }).waitFor();
    };

    // The amount raised in the link: the document (and its hash) still says 15 eUSD.
    const buyer = await open('#/', { account: 'Eve' });
    await visit(relink({ ...body, m: String(150n * 10n ** 6n) }));
    await buyer.getByTestId('snapshot-ok').waitFor();
    await buyer.getByText(/differs from the order document: do not pay/).waitFor();
    assert.equal(await buyer.getByTestId('pay-button').isDisabled(), true);

    // The document changed: it no longer matches the hash.
    await visit(relink({ ...body, d: body.d.replace('"qty":1', '"qty":2') }));
    await buyer.getByTestId('snapshot-bad').waitFor();
    assert.equal(await buyer.getByTestId('pay-button').isDisabled(), true);

    // The link as the store made it can be paid.
    await visit(link);
    await buyer.getByTestId('snapshot-ok').waitFor();
    await buyer.getByTestId('pay-button').and(buyer.locator(':enabled')).waitFor();
    await Promise.all([store.context().close(), buyer.context().close()]);
  });
});

describe('for everyone', () => {
  test('the Chinese UI follows the browser and can be switched back', async () => {
    const page = await open('#/buyer', { account: 'Charlie', locale: 'zh-CN' });
    await page.getByRole('link', { name: '我是买家' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
    // Charlie's order paid on confirmation, in Chinese: its state and its payment record.
    const closed = page.getByTestId('buyer-closed');
    await closed.getByText('买家确认收货').waitFor();
    assert.match(await closed.textContent(), /已完成/);
    await shot(page, 'buyer-zh');
    await page.locator('select').filter({ hasText: 'English' }).selectOption('en');
    await page.getByRole('link', { name: 'I am buying' }).waitFor();
    await page.context().close();
  });

  test('a page that names a node on another host says so', async () => {
    // The same node, named by another host name than the page's (127.0.0.1).
    const other = APP.replace(/rpc=ws:\/\/127\.0\.0\.1/, 'rpc=ws://localhost');
    assert.notEqual(other, APP, 'the test app names its node by address');
    const page = await (await launch()).newPage();
    await page.goto(other + '#/');
    await page.getByTestId('chain-status').filter({ hasText: '#' }).waitFor();
    assert.match(await page.getByTestId('remote-node').textContent(), /talks to the node at ws:\/\/localhost/);
    // Opened beside its own node, the page says nothing of it.
    await page.goto(APP + '#/');
    await page.getByTestId('chain-status').filter({ hasText: '#' }).waitFor();
    assert.equal(await page.getByTestId('remote-node').count(), 0);
    await page.close();
  });

  test('every screen: no serious or critical accessibility violations, every control reachable by keyboard', async () => {
    const store = await open('#/store', { account: 'Bob' });
    const link = await paymentRequest(store, no('T-400'), 'Spoon; 4; 0.25', 'ESC');
    const screens = [
      ['home', '#/', 'Alice'],
      ['buyer', '#/buyer', 'Charlie'],
      ['store', '#/store', 'Bob'],
      ['arbiter', '#/arbiter', 'Alice'],
      ['pay', link.slice(link.indexOf('#')), 'Eve'],
    ];
    for (const [name, hash, account] of screens) {
      const page = await open(hash, { account });
      await page.locator('main .card').first().waitFor();
      await page.waitForTimeout(500);
      if (name === 'home') await shot(page, 'home');
      await accessible(page, name);
      await keyboardReachable(page, name);
      await page.context().close();
    }
    await store.context().close();
  });
});
