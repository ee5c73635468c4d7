//! Signed payment requests: paid by the buyer, accepted on exactly the terms the store signed,
//! and every refusal with nothing moved.

// Test code (see clippy.toml): an overflow here fails the test.
#![allow(clippy::arithmetic_side_effects)]

use super::*;
use frame_support::dispatch::{GetDispatchInfo, Pays, PostDispatchInfo};
use sp_core::H256;
use sp_runtime::{testing::TestSignature, DispatchErrorWithPostInfo, DispatchResult};

/// A request of [`STORE`] for `order_no` at `amount` of [`NATIVE`], on the fake escrow's terms,
/// valid for ten blocks, for anyone to pay, on this chain.
fn request(order_no: &[u8], amount: Balance) -> PaymentRequestOf<Test> {
	PaymentRequest {
		store: STORE,
		order_no: bounded(order_no),
		asset: NATIVE,
		amount,
		snapshot: SNAPSHOT,
		time_limit: TIME_LIMIT,
		valid_until: System::block_number() + 10,
		payer: None,
		genesis: System::block_hash(0),
	}
}

/// `request` signed by `who`, over the bytes a store signs.
fn signed(who: AccountId, request: &PaymentRequestOf<Test>) -> TestSignature {
	TestSignature(who, request.signing_payload())
}

fn pay(
	buyer: AccountId,
	request: PaymentRequestOf<Test>,
	signer: AccountId,
	signature: TestSignature,
) -> Result<PostDispatchInfo, DispatchErrorWithPostInfo<PostDispatchInfo>> {
	StoreOrders::pay_signed_request(RuntimeOrigin::signed(buyer), request, signer, signature)
}

/// Pays `request` as signed by [`OWNER`], from [`BUYER`].
fn pay_as_signed(request: PaymentRequestOf<Test>) -> DispatchResult {
	let signature = signed(OWNER, &request);
	pay(BUYER, request, OWNER, signature).map(|_| ()).map_err(|e| e.error)
}

#[test]
fn a_signed_request_opens_the_settlement_accepted_and_pays_the_order() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		let req = request(b"A-1", 400);
		let signature = signed(OWNER, &req);
		let post = pay(BUYER, req, OWNER, signature).expect("the request is paid");
		// Charged what was used: the call and what the buyer's funding sources took.
		assert_eq!(
			post.actual_weight,
			Some(<() as WeightInfo>::pay_signed_request() + FUNDING_WEIGHT)
		);

		// The fake escrow's first settlement, opened and accepted for the signed amount.
		assert_eq!(FakeEscrow::status(0), Some(SettlementStatus::Accepted));
		assert_eq!(FakeEscrow::accepted(0), Some(400));
		let paid = FakeEscrow::summary(0).expect("settlement");
		assert_eq!((paid.buyer, paid.payee, paid.asset), (BUYER, PAYOUT, NATIVE));
		assert_eq!(
			order(b"A-1"),
			StoreOrder {
				settlement: 0,
				buyer: BUYER,
				payee: PAYOUT,
				asset: NATIVE,
				order_amount: 400,
				status: OrderStatus::Paid,
				logistics: None,
				record: None,
				paid: None,
			}
		);
		assert_eq!(OrderOfSettlement::<Test>::get(0), Some((STORE, bytes(b"A-1"))));
		assert_eq!(Stores::<Test>::get(STORE).expect("store").open_orders, 1);
		assert_eq!(
			store_events()[store_events().len() - 2..],
			[
				Event::PaymentAccepted {
					store: STORE,
					order_no: bytes(b"A-1"),
					settlement: 0,
					asset: NATIVE,
					order_amount: 400,
				},
				Event::PaymentRequestPaid {
					store: STORE,
					order_no: bytes(b"A-1"),
					settlement: 0,
					buyer: BUYER,
					signer: OWNER,
				},
			]
		);

		// From here it is an accepted order like any other: the store ships it, a payment
		// completes it.
		assert_ok!(StoreOrders::mark_shipped(
			RuntimeOrigin::signed(OWNER),
			STORE,
			bounded(b"A-1"),
			bounded(b"TRACK-1")
		));
		FakeEscrow::pay(0, 0, PAYOUT, 400, true);
		assert_eq!(order(b"A-1").status, OrderStatus::Completed);
		assert_eq!(Stores::<Test>::get(STORE).expect("store").open_orders, 0);
	});
}

#[test]
fn the_weight_of_the_call_covers_the_funding_sources() {
	ExtBuilder::default().build_and_execute(|| {
		let req = request(b"A-1", 400);
		let call = Call::<Test>::pay_signed_request {
			signature: signed(OWNER, &req),
			request: req,
			signer: OWNER,
		};
		let info = call.get_dispatch_info();
		assert_eq!(info.call_weight, <() as WeightInfo>::pay_signed_request() + FUNDING_WEIGHT);
		assert_eq!(info.pays_fee, Pays::Yes);
	});
}

#[test]
fn the_payout_account_signs_and_a_wallets_wrapped_signature_counts() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		let req = request(b"A-1", 400);
		let signature = signed(PAYOUT, &req);
		assert_ok!(pay(BUYER, req, PAYOUT, signature));
		assert_eq!(order(b"A-1").status, OrderStatus::Paid);

		// As the polkadot.js extension signs a message: wrapped in `<Bytes>`.
		let req = request(b"A-2", 300);
		let wrapped = [&b"<Bytes>"[..], &req.signing_payload(), &b"</Bytes>"[..]].concat();
		assert_ok!(pay(BUYER, req, OWNER, TestSignature(OWNER, wrapped)));
		assert_eq!(order(b"A-2").order_amount, 300);

		// Wrapped otherwise, it is not the request's signature.
		let req = request(b"A-3", 300);
		let wrapped = [&b"<Bytes>"[..], &req.signing_payload()].concat();
		assert_noop!(
			pay(BUYER, req, OWNER, TestSignature(OWNER, wrapped)),
			Error::<Test>::BadSignature
		);
	});
}

#[test]
fn a_request_with_any_term_changed_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		let original = request(b"A-1", 400);
		let signature = signed(OWNER, &original);
		// A request for another chain is refused before its signature is checked
		// (`a_request_is_paid_only_in_its_time_and_on_its_chain`).
		type Change = (&'static str, fn(&mut PaymentRequestOf<Test>));
		let changes: [Change; 7] = [
			("order number", |r| r.order_no = bounded(b"A-2")),
			("asset", |r| r.asset = USD),
			("amount", |r| r.amount = 1),
			("snapshot", |r| r.snapshot = [9; 32]),
			("time limit", |r| r.time_limit = TIME_LIMIT + 1),
			("last valid block", |r| r.valid_until += 1),
			("payer", |r| r.payer = Some(BUYER)),
		];
		for (term, change) in changes {
			let mut changed = original.clone();
			change(&mut changed);
			assert_ne!(changed, original, "{term} changed");
			let result = pay(BUYER, changed, OWNER, signature.clone());
			assert_eq!(
				result.map_err(|e| e.error),
				Err(Error::<Test>::BadSignature.into()),
				"{term}"
			);
		}
		// The signature of another key over the very request.
		assert_noop!(
			pay(BUYER, original.clone(), OWNER, signed(PAYOUT, &original)),
			Error::<Test>::BadSignature
		);
		assert!(Orders::<Test>::iter().next().is_none());
		assert_eq!(FakeEscrow::status(0), None);
		// Unchanged, it pays.
		assert_ok!(pay(BUYER, original, OWNER, signature));
	});
}

#[test]
fn only_a_key_that_acts_for_the_store_signs_for_it() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		// A stranger's key, signing correctly.
		let req = request(b"A-1", 400);
		assert_noop!(
			pay(BUYER, req.clone(), EVE, signed(EVE, &req)),
			Error::<Test>::NotStoreSigner
		);
		// A request for a store that does not exist.
		let mut unknown = req.clone();
		unknown.store = 7;
		assert_noop!(
			pay(BUYER, unknown.clone(), OWNER, signed(OWNER, &unknown)),
			Error::<Test>::UnknownStore
		);
		// The owner of one store signs nothing for another.
		assert_ok!(StoreOrders::register_store(
			RuntimeOrigin::signed(EVE),
			EVE,
			bounded(b"other"),
			None,
			shop_assets()
		));
		let mut other = req.clone();
		other.store = 1;
		assert_noop!(
			pay(BUYER, other.clone(), OWNER, signed(OWNER, &other)),
			Error::<Test>::NotStoreSigner
		);

		// A payout key the store replaced signs for it no more, even a request it signed while
		// it acted for the store.
		let by_old_key = signed(PAYOUT, &req);
		assert_ok!(StoreOrders::update_store(
			RuntimeOrigin::signed(OWNER),
			STORE,
			EVE,
			bounded(b"shop"),
			Some(30),
			shop_assets()
		));
		assert_noop!(pay(BUYER, req.clone(), PAYOUT, by_old_key), Error::<Test>::NotStoreSigner);
		// The new one does, and the order pays the current payout account.
		assert_ok!(pay(BUYER, req.clone(), EVE, signed(EVE, &req)));
		assert_eq!(order(b"A-1").payee, EVE);
	});
}

#[test]
fn a_request_is_paid_only_in_its_time_and_on_its_chain() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		System::set_block_number(50);
		let mut req = request(b"A-1", 400);

		// Valid up to and including its last block.
		req.valid_until = 49;
		assert_noop!(pay_as_signed(req.clone()), Error::<Test>::RequestExpired);
		// At most `MaxRequestValidity` ahead.
		req.valid_until = 50 + MAX_REQUEST_VALIDITY + 1;
		assert_noop!(pay_as_signed(req.clone()), Error::<Test>::RequestValidTooLong);
		// Another chain's.
		req.valid_until = 50;
		req.genesis = H256::repeat_byte(1);
		assert_noop!(pay_as_signed(req.clone()), Error::<Test>::WrongChain);

		req.genesis = System::block_hash(0);
		req.valid_until = 50 + MAX_REQUEST_VALIDITY;
		assert_ok!(pay_as_signed(req.clone()));
		let mut last_block = request(b"A-2", 400);
		last_block.valid_until = 50;
		assert_ok!(pay_as_signed(last_block));
	});
}

#[test]
fn a_request_that_names_its_payer_is_paid_by_it_alone() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		let mut req = request(b"A-1", 400);
		req.payer = Some(BUYER);
		let signature = signed(OWNER, &req);
		// A stranger racing the buyer with the buyer's own request.
		assert_noop!(
			pay(EVE, req.clone(), OWNER, signature.clone()),
			Error::<Test>::NotRequestPayer
		);
		assert_ok!(pay(BUYER, req, OWNER, signature));
		assert_eq!(order(b"A-1").buyer, BUYER);
	});
}

#[test]
fn a_request_pays_its_order_number_once() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		let req = request(b"A-1", 400);
		let signature = signed(OWNER, &req);
		assert_ok!(pay(BUYER, req.clone(), OWNER, signature.clone()));
		// Paid: neither the buyer again nor anyone else pays it twice.
		assert_noop!(pay(EVE, req.clone(), OWNER, signature.clone()), Error::<Test>::OrderExists);
		// Cancelled: the request stays used, though `accept_payment` may take a new
		// settlement for the number.
		FakeEscrow::release(0, SettlementStatus::Cancelled);
		assert_eq!(order(b"A-1").status, OrderStatus::Cancelled);
		assert_noop!(pay(BUYER, req, OWNER, signature), Error::<Test>::OrderExists);

		// An order number a store accepted by `accept_payment` is used too.
		accepted(5, b"B-1", 100);
		let req = request(b"B-1", 100);
		assert_noop!(pay_as_signed(req), Error::<Test>::OrderExists);
	});
}

#[test]
fn a_request_outside_the_rules_of_an_order_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		assert_noop!(pay_as_signed(request(b"A-1", 0)), Error::<Test>::ZeroAmount);
		let mut req = request(b"A-1", 400);
		req.time_limit = MAX_TIME_LIMIT + 1;
		assert_noop!(pay_as_signed(req.clone()), Error::<Test>::TimeLimitOutOfBounds);
		req.time_limit = MIN_TIME_LIMIT - 1;
		assert_noop!(pay_as_signed(req), Error::<Test>::TimeLimitOutOfBounds);

		// The escrow's own refusals come back as they are, and nothing is recorded: an
		// asset the store does not accept, a buyer who cannot hold the amount.
		let mut req = request(b"A-1", 400);
		req.asset = EUR;
		assert_noop!(pay_as_signed(req), DispatchError::Other("asset not accepted"));
		let req = request(b"A-1", 400);
		let signature = signed(OWNER, &req);
		assert_noop!(pay(POOR, req, OWNER, signature), DispatchError::Other("cannot hold"));
		assert!(Orders::<Test>::iter().next().is_none());
		assert_eq!(Stores::<Test>::get(STORE).expect("store").open_orders, 0);
	});
}
