//! Randomized invariant test over the real runtime.
//!
//! Each case runs a random sequence of calls of every escrow-chain pallet (escrow, disputes,
//! store orders, funding) from random accounts with random arguments, valid and invalid, mixed
//! with random block advances that run the escrow's agenda. Settlements, stores' accepted
//! assets and funding links are in ESC or in the dollar stablecoin, at random; some accounts
//! hold only one of the two. After every block, and at the end,
//! it checks what the chain promises about money:
//!
//! - the total issuance of each asset (ESC and the dollar stablecoin) never changes;
//! - every account's holds under our reasons, in each asset, are exactly its open settlements'
//!   amounts and deposits in that asset, its open disputes' deposits in it and (in ESC) its
//!   stores' deposits (so no closed settlement holds anything);
//! - each open shipped settlement is on the agenda exactly once, at its deadline, and nothing
//!   else is due to auto-settle;
//! - no settlement has more than one payment record;
//! - every completed store order names a payment record that paid its store what it says;
//! - the `try_state` checks of all three pallets pass;
//! - **consent**: every payout paid the payee exactly what the rules allowed. The test keeps
//!   its own ledger of what each side said yes to, from the calls it made (not from the
//!   pallet's view): the order amount the store accepted, a deduction or split one side
//!   proposed and the other accepted *at the amount the acceptor saw*, the arbiter's ruling.
//!   A deadline payout pays the agreed deduction or the order amount, less what was refunded
//!   since (a granted refund request, a partial refund); a confirmation pays at least that; an
//!   agreed split or a ruling pays what was agreed or ruled; nothing pays more than was held.
//!   **Refunds**: a refund request is granted (by the store, by the chain when the store was
//!   silent past the response period, or once a return came back) for exactly the amount the
//!   buyer asked, never twice, and the chain grants by silence only once the period is over. Acceptances are sometimes made on a stale view (the proposal as it stood
//!   when it first appeared), as a transaction signed before a competing one lands in the same
//!   block would be.
//!
//! - **one clock**: no shipped settlement's deadline is ever later than its first deadline,
//!   the extensions its buyer made and the pause allowance, and none is still held past that
//!   and the longest question, unless a task of its failed (and waits for a retry); counted
//!   from acceptance, no store's ship-by limit moves past `Pallet::latest_shipping`, and a
//!   settlement shipped within its ship-by limit is not held past
//!   `Pallet::latest_payout_from_acceptance` (unless a task failed, or a question's end ran
//!   late behind the month the test jumps);
//! - **keys that rotate**: between steps the owner replaces a store's payout account, and the
//!   store sends unpaid payouts to the current one; a proposal a replaced key made is never
//!   accepted;
//! - **what the hooks were charged**: each block's hooks at least what the agenda's tasks it
//!   ran cost by their benchmarks (payouts, expiries, lapses, silent grants, removals), ref
//!   time and proof size;
//! - **no more back than asked**: a granted request releases what was asked; it closes the
//!   settlement (releasing everything) only when the store is owed nothing after it, or dust;
//! - **releases**: a refund the store refused within its period (a "no" it was entitled to
//!   say, which the chain turned down) is never granted by silence afterwards, and an expiry
//!   comes only to a settlement never accepted, after the acceptance period;
//! - **the agenda owes every task**: `try_state` checks that every open dispute and refund
//!   request has its lapse, every shipped settlement its payout and every settlement awaiting
//!   acceptance its expiry, on the agenda or waiting for a retry.
//!
//! - **commission**: a marketplace (account 1's, paying a fee account of its own) changes its
//!   rate between steps, and stores join it (at the rate it offers, or at a stale one), leave
//!   or close. Each settlement records, when it opens, exactly the commission its store
//!   consented to (the rate the store accepted, or the marketplace's lower one), none outside;
//!   each payout of one pays the fee account its rate of the payout, rounded down (or nothing,
//!   only when the fee account or the payee could not receive its part), the payment record
//!   says so, and the fee account holds, in each asset, exactly the commissions paid in it.
//!
//! Between steps the stablecoin's issuer acts too: it freezes and thaws the asset, and blocks
//! and unblocks accounts, so that payouts, grants and lapses fail and must be tried again.
//!
//! It also checks after every call that a call that fails changes no storage at all.
//!
//! `scripts/test.sh` runs the default number of cases (48, about 6,000 calls). More:
//!
//! ```text
//! PROPTEST_CASES=1000 SKIP_WASM_BUILD=1 cargo test --release -p escrow-chain-runtime --test invariants
//! ```
//!
//! A failing case is shrunk to a minimal sequence of actions, which proptest prints.

// Test code (see clippy.toml), also in the helpers outside `#[test]` functions.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::arithmetic_side_effects)]

use escrow_chain_runtime::configs::{AssetKind, NativeAndAssetHolds};
use escrow_chain_runtime::{
	test_helpers::run_to_block, AccountId, Balance, BlockNumber, Escrow, Funding, Runtime,
	RuntimeCall, RuntimeGenesisConfig, RuntimeHoldReason, RuntimeOrigin, StoreOrders, System, DAYS,
	EXISTENTIAL_DEPOSIT, STABLECOIN_MIN_BALANCE, UNIT,
};
use frame_support::{
	traits::{
		fungible::NativeOrWithId,
		fungibles::{Inspect as _, InspectHold as _},
		Get, OriginTrait,
	},
	weights::Weight,
	BoundedVec,
};
use pallet_escrow::{AgendaTask, Ruling, SettlementStatus};
use pallet_store_orders::OrderStatus;
use proptest::prelude::*;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{traits::Dispatchable, BuildStorage};
use std::{
	collections::BTreeMap,
	sync::{Mutex, PoisonError},
};

/// Calls dispatched and calls that succeeded, by action, over all cases: printed at the end of
/// each case when `INVARIANTS_STATS` is set, to see that the cases reach deep states.
static STATS: Mutex<BTreeMap<&'static str, (u32, u32)>> = Mutex::new(BTreeMap::new());

fn tally(action: &Action, ok: bool) {
	let name = format!("{action:?}");
	let name: &'static str = match name.split([' ', '{']).next() {
		Some(n) => Box::leak(n.to_owned().into_boxed_str()),
		None => "?",
	};
	let mut stats = STATS.lock().unwrap_or_else(PoisonError::into_inner);
	let entry = stats.entry(name).or_default();
	entry.0 += 1;
	entry.1 += u32::from(ok);
}

const ACCOUNTS: u8 = 6;

/// The store whose owner signs payment requests: Ferdie's, registered third at genesis.
const SIGNING_STORE: u32 = 2;

fn ferdie() -> AccountId {
	Sr25519Keyring::Ferdie.to_account_id()
}
const STORE_DEPOSIT: Balance = UNIT;

/// Amounts worth trying: zero, dust around the existential deposit, ordinary and unaffordable.
const AMOUNTS: [Balance; 8] = [
	0,
	1,
	EXISTENTIAL_DEPOSIT - 1,
	EXISTENTIAL_DEPOSIT,
	10 * EXISTENTIAL_DEPOSIT,
	UNIT,
	50 * UNIT,
	5_000 * UNIT,
];

/// Order numbers: three short ones and one of the longest allowed. (Longer ones do not decode:
/// the pallets' own tests show it.)
fn order_no<S: Get<u32>>(index: u8) -> BoundedVec<u8, S> {
	let bytes = match index % 4 {
		0 => b"A-1".to_vec(),
		1 => b"A-2".to_vec(),
		2 => b"B-7".to_vec(),
		_ => vec![b'x'; S::get() as usize],
	};
	BoundedVec::truncate_from(bytes)
}

fn account(index: u8) -> AccountId {
	AccountId::new([index % ACCOUNTS + 1; 32])
}

fn amount(index: u8) -> Balance {
	AMOUNTS[usize::from(index) % AMOUNTS.len()]
}

/// The dollar stablecoin, as an asset.
const USD: AssetKind = NativeOrWithId::WithId(escrow_chain_runtime::STABLECOIN);
/// Both assets a settlement can be in.
const ASSETS: [AssetKind; 2] = [NativeOrWithId::Native, USD];

fn asset(dollars: bool) -> AssetKind {
	if dollars {
		USD
	} else {
		NativeOrWithId::Native
	}
}

/// The marketplace's operator (account 1) and its fee account, which nothing else pays.
const OPERATOR: u8 = 1;
fn fee_account() -> AccountId {
	AccountId::new([99; 32])
}
/// The rates the marketplace offers, in basis points: none, low, ordinary, the chain's highest.
const RATES: [u16; 4] = [0, 250, 1_000, 3_000];

/// One step of a case. Indices are reduced modulo what exists when the step runs, so most
/// steps name real accounts, stores and settlements, and some do not.
#[derive(Clone, Debug)]
enum Action {
	Open {
		buyer: u8,
		store: u8,
		order: u8,
		dollars: bool,
		amount: u8,
		payee: u8,
		limit: Option<u8>,
	},
	Confirm {
		who: u8,
		id: u8,
		amount: u8,
	},
	/// The buyer of settlement `id` confirms what it must pay at least.
	ConfirmDue {
		id: u8,
	},
	Cancel {
		who: u8,
		id: u8,
	},
	Refund {
		who: u8,
		id: u8,
	},
	Extend {
		who: u8,
		id: u8,
	},
	ProposeDeduction {
		who: u8,
		id: u8,
		amount: u8,
	},
	/// Accept the proposed deduction at the payout the signer saw: now, or when the proposal
	/// first appeared (`stale`), as a transaction signed before a competing one was included.
	AcceptDeduction {
		who: u8,
		id: u8,
		stale: bool,
	},
	OpenDispute {
		who: u8,
		id: u8,
	},
	AddEvidence {
		who: u8,
		id: u8,
	},
	ProposeSplit {
		who: u8,
		id: u8,
		amount: u8,
	},
	AcceptSplit {
		who: u8,
		id: u8,
		stale: bool,
	},
	Rule {
		id: u8,
		split: Option<u8>,
	},
	AcceptPayment {
		who: u8,
		store: u8,
		order: u8,
		id: u8,
		amount: u8,
	},
	/// The owner of settlement `id`'s store accepts it for its own order and amount.
	AcceptOwn {
		id: u8,
	},
	/// `buyer` pays a request the signing store's owner signed (Ferdie's key: the test's other
	/// accounts have none). `twist` 0-3 pays it as signed; 4 lowers the amount after signing,
	/// 5 pays it past its last block, 6 has another key sign it, 7 names another payer: those
	/// must never succeed.
	PaySigned {
		buyer: u8,
		order: u8,
		dollars: bool,
		amount: u8,
		limit: u8,
		twist: u8,
	},
	Ship {
		who: u8,
		store: u8,
		order: u8,
		long: bool,
	},
	/// The owner of settlement `id`'s store ships its order.
	ShipOwn {
		id: u8,
	},
	Complete {
		who: u8,
		store: u8,
		order: u8,
	},
	/// `assets`: 0 ESC only, 1 dollars only, 2 both.
	RegisterStore {
		who: u8,
		payout: u8,
		assets: u8,
	},
	CloseStore {
		who: u8,
		store: u8,
	},
	Approve {
		linked: u8,
		buyer: u8,
		dollars: bool,
		limit: u8,
	},
	OpenCredit {
		lender: u8,
		borrower: u8,
		dollars: bool,
		limit: u8,
	},
	CloseCredit {
		lender: u8,
		borrower: u8,
	},
	/// The buyer accepts a top-up (or credit) offer at the limit offered, or at another.
	AcceptOffer {
		buyer: u8,
		creator: u8,
		credit: bool,
		limit: Option<u8>,
	},
	RemoveLink {
		buyer: u8,
		creator: u8,
		credit: bool,
	},
	DeclineOffer {
		buyer: u8,
		creator: u8,
		credit: bool,
	},
	Repay {
		borrower: u8,
		lender: u8,
		amount: u8,
	},
	/// The buyer (mostly) asks for part or all of a settlement back.
	RequestRefund {
		who: u8,
		id: u8,
		amount: u8,
	},
	/// The store (mostly) answers a refund request: 0 grant, 1 grant with return, 2 refuse,
	/// 3 confirm the return; at the requested amount, or (`other`) at another.
	AnswerRefund {
		who: u8,
		id: u8,
		answer: u8,
		other: bool,
	},
	/// The buyer (mostly) ships a requested return.
	MarkReturned {
		who: u8,
		id: u8,
	},
	/// The store (mostly) refunds part of an order on its own.
	PartialRefund {
		who: u8,
		id: u8,
		amount: u8,
	},
	/// The stablecoin's issuer acts between steps: 0 freezes the asset, 1 and 2 thaw it, 3
	/// blocks account `who`, 4 and 5 unblock it (so that the asset is mostly live and cases
	/// still reach deep states in it).
	Issuer {
		what: u8,
		who: u8,
	},
	Advance {
		blocks: u8,
	},
	/// Jump past the retention period, so closed settlements are pruned.
	LongAdvance,
	/// The owner of settlement `id`'s store replaces its payout account with `to` (a leaked
	/// key rotated between steps): what the old key proposed is void from then on.
	RotatePayout {
		id: u8,
		to: u8,
	},
	/// The store (mostly) sends settlement `id`'s unpaid payout to its current payout account.
	FollowPayout {
		who: u8,
		id: u8,
	},
	/// The owner of store `store` joins the marketplace at the rate it offers now, or (`stale`)
	/// at another it read before a change.
	JoinMarket {
		store: u8,
		stale: bool,
	},
	/// `who` (mostly not the owner) takes store `store` out of the marketplace.
	LeaveMarket {
		who: u8,
		store: u8,
	},
	/// The operator offers rate `RATES[rate % 4]`.
	MarketTerms {
		rate: u8,
	},
}

fn action() -> impl Strategy<Value = Action> {
	let i = || any::<u8>();
	prop_oneof![
		6 => (i(), i(), i(), any::<bool>(), i(), i(), proptest::option::of(i())).prop_map(
			|(buyer, store, order, dollars, amount, payee, limit)| Action::Open {
				buyer, store, order, dollars, amount, payee, limit
			}
		),
		1 => (i(), i(), i()).prop_map(|(who, id, amount)| Action::Confirm { who, id, amount }),
		3 => i().prop_map(|id| Action::ConfirmDue { id }),
		1 => (i(), i()).prop_map(|(who, id)| Action::Cancel { who, id }),
		1 => (i(), i()).prop_map(|(who, id)| Action::Refund { who, id }),
		1 => (i(), i()).prop_map(|(who, id)| Action::Extend { who, id }),
		3 => (i(), i(), i()).prop_map(|(who, id, amount)| Action::ProposeDeduction { who, id, amount }),
		2 => (i(), i(), any::<bool>()).prop_map(|(who, id, stale)| Action::AcceptDeduction { who, id, stale }),
		2 => (i(), i()).prop_map(|(who, id)| Action::OpenDispute { who, id }),
		1 => (i(), i()).prop_map(|(who, id)| Action::AddEvidence { who, id }),
		2 => (i(), i(), i()).prop_map(|(who, id, amount)| Action::ProposeSplit { who, id, amount }),
		2 => (i(), i(), any::<bool>()).prop_map(|(who, id, stale)| Action::AcceptSplit { who, id, stale }),
		1 => (i(), proptest::option::of(i())).prop_map(|(id, split)| Action::Rule { id, split }),
		1 => (i(), i(), i(), i(), i()).prop_map(|(who, store, order, id, amount)| Action::AcceptPayment {
			who, store, order, id, amount
		}),
		4 => i().prop_map(|id| Action::AcceptOwn { id }),
		3 => (i(), i(), any::<bool>(), i(), i(), 0u8..8).prop_map(|(buyer, order, dollars, amount, limit, twist)| {
			Action::PaySigned { buyer, order, dollars, amount, limit, twist }
		}),
		1 => (i(), i(), i(), any::<bool>()).prop_map(|(who, store, order, long)| Action::Ship {
			who, store, order, long
		}),
		4 => i().prop_map(|id| Action::ShipOwn { id }),
		1 => (i(), i(), i()).prop_map(|(who, store, order)| Action::Complete { who, store, order }),
		1 => (i(), i(), 0u8..3).prop_map(|(who, payout, assets)| Action::RegisterStore { who, payout, assets }),
		1 => (i(), i()).prop_map(|(who, store)| Action::CloseStore { who, store }),
		1 => (i(), i(), any::<bool>(), i()).prop_map(|(linked, buyer, dollars, limit)| Action::Approve {
			linked, buyer, dollars, limit
		}),
		1 => (i(), i(), any::<bool>(), i()).prop_map(|(lender, borrower, dollars, limit)| Action::OpenCredit {
			lender, borrower, dollars, limit
		}),
		1 => (i(), i()).prop_map(|(lender, borrower)| Action::CloseCredit { lender, borrower }),
		2 => (i(), i(), any::<bool>(), proptest::option::of(i())).prop_map(|(buyer, creator, credit, limit)| {
			Action::AcceptOffer { buyer, creator, credit, limit }
		}),
		1 => (i(), i(), any::<bool>()).prop_map(|(buyer, creator, credit)| Action::RemoveLink { buyer, creator, credit }),
		1 => (i(), i(), any::<bool>()).prop_map(|(buyer, creator, credit)| Action::DeclineOffer { buyer, creator, credit }),
		1 => (i(), i(), i()).prop_map(|(borrower, lender, amount)| Action::Repay { borrower, lender, amount }),
		5 => (i(), i(), i()).prop_map(|(who, id, amount)| Action::RequestRefund { who, id, amount }),
		5 => (i(), i(), 0u8..4, 0u8..4).prop_map(|(who, id, answer, other)| Action::AnswerRefund {
			who, id, answer, other: other == 3
		}),
		3 => (i(), i()).prop_map(|(who, id)| Action::MarkReturned { who, id }),
		2 => (i(), i(), i()).prop_map(|(who, id, amount)| Action::PartialRefund { who, id, amount }),
		2 => (0u8..6, i()).prop_map(|(what, who)| Action::Issuer { what, who }),
		4 => (1u8..=40).prop_map(|blocks| Action::Advance { blocks }),
		1 => Just(Action::LongAdvance),
		2 => (i(), i()).prop_map(|(id, to)| Action::RotatePayout { id, to }),
		1 => (i(), i()).prop_map(|(who, id)| Action::FollowPayout { who, id }),
		2 => (i(), any::<bool>()).prop_map(|(store, stale)| Action::JoinMarket { store, stale }),
		1 => (i(), i()).prop_map(|(who, store)| Action::LeaveMarket { who, store }),
		1 => i().prop_map(|rate| Action::MarketTerms { rate }),
	]
}

/// A settlement id: one of those opened so far, or the next (unknown) one.
fn settlement_id(index: u8) -> u64 {
	u64::from(index) % (pallet_escrow::NextSettlementId::<Runtime>::get() + 1)
}

/// Mostly an open settlement (so that cases reach deep states), sometimes any id.
fn pick(index: u8) -> u64 {
	let mut open: Vec<u64> = pallet_escrow::Settlements::<Runtime>::iter()
		.filter(|(_, s)| s.status.is_open())
		.map(|(id, _)| id)
		.collect();
	open.sort();
	match open.get(usize::from(index / 8) % open.len().max(1)) {
		Some(id) if index % 8 != 7 => *id,
		_ => settlement_id(index),
	}
}

/// Mostly a settlement for which `want` holds, so that deductions and splits are reached often;
/// else as [`pick`].
fn pick_where(index: u8, want: impl Fn(u64, &pallet_escrow::SettlementOf<Runtime>) -> bool) -> u64 {
	let mut ids: Vec<u64> = pallet_escrow::Settlements::<Runtime>::iter()
		.filter(|(id, s)| want(*id, s))
		.map(|(id, _)| id)
		.collect();
	ids.sort();
	match ids.get(usize::from(index / 8) % ids.len().max(1)) {
		Some(id) if index % 8 != 7 => *id,
		_ => pick(index),
	}
}

/// An accepted settlement that is not disputed: where deductions are proposed.
fn pick_accepted(index: u8) -> u64 {
	pick_where(index, |_, s| {
		matches!(s.status, SettlementStatus::Accepted | SettlementStatus::Shipped)
	})
}

/// A settlement with a refund request open at one of `stages`.
fn pick_requested(index: u8, stages: &[pallet_escrow::RefundStage]) -> u64 {
	pick_where(index, |id, _| {
		pallet_escrow::RefundRequests::<Runtime>::get(id).is_some_and(|r| stages.contains(&r.stage))
	})
}

/// Who signs a buyer's call on settlement `id`: mostly its buyer, sometimes anyone.
fn buyer_side(id: u64, who: u8) -> AccountId {
	match (pallet_escrow::Settlements::<Runtime>::get(id), who % 4) {
		(Some(s), 0..=2) => s.buyer,
		_ => party(id, who),
	}
}

/// An amount to ask back from `id`: mostly a part of what is held, all of it, or as
/// [`amount_for`].
fn refund_for(id: u64, index: u8) -> Balance {
	match (pallet_escrow::Settlements::<Runtime>::get(id), index % 5) {
		(Some(s), 0) => s.amount / 2,
		(Some(s), 1) => s.amount,
		(Some(s), 2) => s.amount / 10,
		(Some(s), 3) => s.minimum_payout() / 3,
		_ => amount_for(id, index),
	}
}

/// Who signs a store's call on settlement `id`: mostly its payout account or its store's
/// owner, sometimes anyone.
fn store_side(id: u64, who: u8) -> AccountId {
	match (pallet_escrow::Settlements::<Runtime>::get(id), who % 4) {
		(Some(s), 0 | 1) => s.payee,
		(Some(s), 2) => {
			pallet_store_orders::Stores::<Runtime>::get(s.store).map_or(s.payee, |st| st.owner)
		}
		_ => party(id, who),
	}
}

/// A disputed settlement.
fn pick_disputed(index: u8) -> u64 {
	pick_where(index, |_, s| s.status == SettlementStatus::Disputed)
}

/// A settlement with an open proposal of `kind`.
fn pick_proposed(index: u8, kind: Kind) -> u64 {
	let open = proposers();
	pick_where(index, |id, _| open.contains_key(&(kind, id)))
}

/// Who accepts a proposal of `kind` on `id`: mostly the side that did not propose it.
fn acceptor(id: u64, who: u8, kind: Kind) -> AccountId {
	match (pallet_escrow::Settlements::<Runtime>::get(id), proposers().get(&(kind, id)), who % 4) {
		(Some(s), Some((true, _)), 0..=2) => s.payee,
		(Some(s), Some((false, _)), 0..=2) => s.buyer,
		_ => party(id, who),
	}
}

/// A payout to propose for `id`: mostly a part of its order amount, else as [`amount_for`].
fn payout_for(id: u64, index: u8) -> Balance {
	match (pallet_escrow::Settlements::<Runtime>::get(id), index % 4) {
		(Some(s), 0) => s.order_amount() / 2,
		(Some(s), 1) => s.order_amount() / 4 * 3,
		(Some(s), 2) => s.order_amount() / 10,
		_ => amount_for(id, index),
	}
}

/// Who signs a call on settlement `id`: mostly its buyer or its payee, sometimes anyone.
fn party(id: u64, who: u8) -> AccountId {
	match (pallet_escrow::Settlements::<Runtime>::get(id), who % 4) {
		(Some(s), 0 | 1) => s.buyer,
		(Some(s), 2) => s.payee,
		_ => account(who),
	}
}

/// An amount for settlement `id`: mostly one of [`AMOUNTS`], sometimes its held amount, half
/// of it, or what it must pay at least.
fn amount_for(id: u64, index: u8) -> Balance {
	match (pallet_escrow::Settlements::<Runtime>::get(id), index % 11) {
		(Some(s), 8) => s.amount,
		(Some(s), 9) => s.amount / 2,
		(Some(s), 10) => s.minimum_payout(),
		_ => amount(index),
	}
}

fn store_id(index: u8) -> u32 {
	u32::from(index) % (pallet_store_orders::NextStoreId::<Runtime>::get() + 1)
}

/// The call `action` makes and who signs it, given what signers saw of the proposals; `None`
/// for block advances.
fn call_of(action: &Action, views: &Views) -> Option<(RuntimeOrigin, RuntimeCall)> {
	use pallet_escrow::Call as E;
	use pallet_funding::Call as F;
	use pallet_store_orders::Call as S;
	let signed = |who: u8| RuntimeOrigin::signed(account(who));
	let owner_of = |store: u32| pallet_store_orders::Stores::<Runtime>::get(store).map(|s| s.owner);
	Some(match *action {
		Action::Open { buyer, store, order, dollars, amount: a, payee, limit } => (
			signed(buyer),
			RuntimeCall::Escrow(E::open_settlement {
				store: store_id(store),
				order_no: order_no(order),
				asset: asset(dollars),
				amount: amount(a),
				// Mostly the store's payout account, as a buyer's wallet would fill in.
				payee: match pallet_store_orders::Stores::<Runtime>::get(store_id(store)) {
					Some(info) if payee % 4 != 3 => info.payout.into(),
					_ => account(payee).into(),
				},
				time_limit: limit.map(BlockNumber::from),
				snapshot: [order; 32],
			}),
		),
		Action::Confirm { who, id, amount: a } => (
			RuntimeOrigin::signed(party(pick(id), who)),
			RuntimeCall::Escrow(E::confirm_receipt {
				id: pick(id),
				amount: amount_for(pick(id), a),
			}),
		),
		Action::ConfirmDue { id } => {
			let s = pallet_escrow::Settlements::<Runtime>::get(pick(id))?;
			(
				RuntimeOrigin::signed(s.buyer.clone()),
				RuntimeCall::Escrow(E::confirm_receipt {
					id: pick(id),
					amount: s.minimum_payout(),
				}),
			)
		}
		Action::Cancel { who, id } => (
			RuntimeOrigin::signed(party(pick(id), who)),
			RuntimeCall::Escrow(E::cancel { id: pick(id) }),
		),
		Action::Refund { who, id } => (
			RuntimeOrigin::signed(party(pick(id), who)),
			RuntimeCall::Escrow(E::refund { id: pick(id) }),
		),
		Action::Extend { who, id } => (
			RuntimeOrigin::signed(party(pick(id), who)),
			RuntimeCall::Escrow(E::extend_deadline { id: pick(id) }),
		),
		Action::ProposeDeduction { who, id, amount: a } => {
			let id = pick_accepted(id);
			(
				RuntimeOrigin::signed(party(id, who)),
				RuntimeCall::Escrow(E::propose_deduction { id, payout: payout_for(id, a) }),
			)
		}
		Action::AcceptDeduction { who, id, stale } => {
			let id = pick_proposed(id, Kind::Deduction);
			(
				RuntimeOrigin::signed(acceptor(id, who, Kind::Deduction)),
				RuntimeCall::Escrow(E::accept_deduction {
					id,
					payout: views.seen(stale, Kind::Deduction, id),
				}),
			)
		}
		Action::OpenDispute { who, id } => (
			RuntimeOrigin::signed(party(pick(id), who)),
			RuntimeCall::Escrow(E::open_dispute { id: pick(id), reason: [who; 32] }),
		),
		Action::AddEvidence { who, id } => (
			RuntimeOrigin::signed(party(pick(id), who)),
			RuntimeCall::Escrow(E::add_evidence { id: pick(id), evidence: [id; 32] }),
		),
		Action::ProposeSplit { who, id, amount: a } => {
			let id = pick_disputed(id);
			(
				RuntimeOrigin::signed(party(id, who)),
				RuntimeCall::Escrow(E::propose_split { id, payout: payout_for(id, a) }),
			)
		}
		Action::AcceptSplit { who, id, stale } => {
			let id = pick_proposed(id, Kind::Split);
			(
				RuntimeOrigin::signed(acceptor(id, who, Kind::Split)),
				RuntimeCall::Escrow(E::accept_split {
					id,
					payout: views.seen(stale, Kind::Split, id),
				}),
			)
		}
		Action::Rule { id, split } => {
			let ruling = match split {
				Some(a) => Ruling::Split { payout: amount_for(pick(id), a) },
				None => Ruling::Resume,
			};
			(
				RuntimeOrigin::root(),
				RuntimeCall::Escrow(E::resolve_dispute { id: pick(id), ruling }),
			)
		}
		Action::AcceptPayment { who, store, order, id, amount: a } => {
			// The terms of the settlement named, as a store reads them, if it exists.
			let (snapshot, time_limit) =
				pallet_escrow::Settlements::<Runtime>::get(settlement_id(id))
					.map_or(([0; 32], 0), |s| (s.snapshot, s.time_limit));
			(
				signed(who),
				RuntimeCall::StoreOrders(S::accept_payment {
					store: store_id(store),
					order_no: order_no(order),
					settlement: settlement_id(id),
					order_amount: amount(a),
					snapshot,
					time_limit,
				}),
			)
		}
		Action::JoinMarket { store, stale } => {
			let store = store_id(store);
			let offered = pallet_store_orders::Marketplaces::<Runtime>::get(0)?.rate;
			let rate = if stale {
				RATES[(RATES.iter().position(|r| *r == offered).unwrap_or(0) + 1) % RATES.len()]
			} else {
				offered
			};
			(
				RuntimeOrigin::signed(owner_of(store)?),
				RuntimeCall::StoreOrders(S::join_marketplace { store, marketplace: 0, rate }),
			)
		}
		Action::LeaveMarket { who, store } => {
			let store = store_id(store);
			// Mostly the owner.
			let origin = match (who % 4, owner_of(store)) {
				(0..=2, Some(owner)) => RuntimeOrigin::signed(owner),
				_ => signed(who),
			};
			(origin, RuntimeCall::StoreOrders(S::leave_marketplace { store }))
		}
		Action::MarketTerms { rate } => (
			signed(OPERATOR),
			RuntimeCall::StoreOrders(S::set_marketplace_terms {
				marketplace: 0,
				rate: RATES[usize::from(rate) % RATES.len()],
				fee_account: fee_account(),
			}),
		),
		Action::AcceptOwn { id } => {
			let s = pallet_escrow::Settlements::<Runtime>::get(pick(id))?;
			(
				RuntimeOrigin::signed(owner_of(s.store)?),
				RuntimeCall::StoreOrders(S::accept_payment {
					store: s.store,
					order_no: s.order_no.clone(),
					settlement: pick(id),
					order_amount: s.amount,
					snapshot: s.snapshot,
					time_limit: s.time_limit,
				}),
			)
		}
		Action::PaySigned { buyer, order, dollars, amount: a, limit, twist } => {
			let now = System::block_number();
			let mut request = pallet_store_orders::PaymentRequest {
				store: SIGNING_STORE,
				order_no: order_no(order),
				asset: asset(dollars),
				amount: amount(a),
				snapshot: [order; 32],
				// Within the bounds, mostly; sometimes below them.
				time_limit: BlockNumber::from(limit % 40),
				valid_until: if twist == 5 { now - 1 } else { now + 10 },
				payer: (twist == 7).then(|| account(buyer.wrapping_add(1))),
				genesis: System::block_hash(0),
			};
			let key = if twist == 6 { Sr25519Keyring::Eve } else { Sr25519Keyring::Ferdie };
			let signature = key.sign(&request.signing_payload());
			if twist == 4 {
				request.amount /= 2;
			}
			(
				signed(buyer),
				RuntimeCall::StoreOrders(S::pay_signed_request {
					request,
					signer: Sr25519Keyring::Ferdie.to_account_id(),
					signature: signature.into(),
				}),
			)
		}
		Action::Ship { who, store, order, long } => (
			signed(who),
			RuntimeCall::StoreOrders(S::mark_shipped {
				store: store_id(store),
				order_no: order_no(order),
				logistics: BoundedVec::truncate_from(vec![b'l'; if long { 128 } else { 12 }]),
			}),
		),
		Action::ShipOwn { id } => {
			let s = pallet_escrow::Settlements::<Runtime>::get(pick(id))?;
			(
				RuntimeOrigin::signed(owner_of(s.store)?),
				RuntimeCall::StoreOrders(S::mark_shipped {
					store: s.store,
					order_no: s.order_no.clone(),
					logistics: BoundedVec::truncate_from(b"TRACK-1".to_vec()),
				}),
			)
		}
		Action::Complete { who, store, order } => (
			signed(who),
			RuntimeCall::StoreOrders(S::complete_order {
				store: store_id(store),
				order_no: order_no(order),
			}),
		),
		Action::RegisterStore { who, payout, assets } => (
			signed(who),
			RuntimeCall::StoreOrders(S::register_store {
				payout: account(payout),
				name: BoundedVec::truncate_from(b"shop".to_vec()),
				default_time_limit: None,
				assets: BoundedVec::truncate_from(match assets {
					0 => vec![NativeOrWithId::Native],
					1 => vec![USD],
					_ => ASSETS.to_vec(),
				}),
			}),
		),
		Action::CloseStore { who, store } => {
			(signed(who), RuntimeCall::StoreOrders(S::close_store { store: store_id(store) }))
		}
		Action::Approve { linked, buyer, dollars, limit } => (
			signed(linked),
			RuntimeCall::Funding(F::approve_top_up {
				buyer: account(buyer).into(),
				asset: asset(dollars),
				limit: amount(limit),
			}),
		),
		Action::OpenCredit { lender, borrower, dollars, limit } => (
			signed(lender),
			RuntimeCall::Funding(F::open_credit_line {
				borrower: account(borrower).into(),
				asset: asset(dollars),
				limit: amount(limit),
			}),
		),
		Action::CloseCredit { lender, borrower } => (
			signed(lender),
			RuntimeCall::Funding(F::close_credit_line { borrower: account(borrower).into() }),
		),
		Action::AcceptOffer { buyer, creator, credit, limit } => {
			let (who, from) = (account(buyer), account(creator));
			let offered = if credit {
				pallet_funding::CreditOffers::<Runtime>::get(&who, &from)
					.map(|o| (o.asset, o.limit))
			} else {
				pallet_funding::TopUpOffers::<Runtime>::get(&who, &from).map(|o| (o.asset, o.limit))
			};
			// The offer as offered, or another limit (in the offer's asset, else ESC).
			let (asset, limit) = match (limit, offered) {
				(None, Some(offered)) => offered,
				(Some(a), offered) => {
					(offered.map_or(NativeOrWithId::Native, |(asset, _)| asset), amount(a))
				}
				(None, None) => (NativeOrWithId::Native, amount(creator)),
			};
			let call = if credit {
				F::accept_credit_line { lender: from.into(), asset, limit }
			} else {
				F::accept_top_up { linked: from.into(), asset, limit }
			};
			(signed(buyer), RuntimeCall::Funding(call))
		}
		Action::RemoveLink { buyer, creator, credit } => (
			signed(buyer),
			RuntimeCall::Funding(F::remove_link {
				creator: account(creator).into(),
				kind: if credit {
					pallet_funding::Source::Credit
				} else {
					pallet_funding::Source::Linked
				},
			}),
		),
		Action::DeclineOffer { buyer, creator, credit } => (
			signed(buyer),
			RuntimeCall::Funding(F::decline_offer {
				creator: account(creator).into(),
				kind: if credit {
					pallet_funding::Source::Credit
				} else {
					pallet_funding::Source::Linked
				},
			}),
		),
		Action::Repay { borrower, lender, amount: a } => (
			signed(borrower),
			RuntimeCall::Funding(F::repay { lender: account(lender).into(), amount: amount(a) }),
		),
		Action::RequestRefund { who, id, amount: a } => {
			let id = pick_accepted(id);
			(
				RuntimeOrigin::signed(buyer_side(id, who)),
				RuntimeCall::Escrow(E::request_refund {
					id,
					amount: refund_for(id, a),
					reason: [a; 32],
				}),
			)
		}
		Action::AnswerRefund { who, id, answer, other } => {
			use pallet_escrow::RefundStage as R;
			let id = match answer {
				0 | 1 => pick_requested(id, &[R::Requested]),
				2 => pick_requested(id, &[R::Requested, R::Returned]),
				_ => pick_requested(id, &[R::AwaitingReturn, R::Returned]),
			};
			let asked = pallet_escrow::RefundRequests::<Runtime>::get(id).map_or(1, |r| r.amount);
			let amount = if other { asked / 2 + 1 } else { asked };
			let call = match answer {
				0 => E::grant_refund { id, amount },
				1 => E::grant_refund_with_return { id, amount },
				2 => E::refuse_refund { id },
				_ => E::confirm_return { id },
			};
			(RuntimeOrigin::signed(store_side(id, who)), RuntimeCall::Escrow(call))
		}
		Action::MarkReturned { who, id } => {
			let id = pick_requested(id, &[pallet_escrow::RefundStage::AwaitingReturn]);
			(
				RuntimeOrigin::signed(buyer_side(id, who)),
				RuntimeCall::Escrow(E::mark_returned {
					id,
					logistics: BoundedVec::truncate_from(vec![b'r'; usize::from(who % 3) * 60]),
				}),
			)
		}
		Action::PartialRefund { who, id, amount: a } => {
			let id = pick_accepted(id);
			(
				RuntimeOrigin::signed(store_side(id, who)),
				RuntimeCall::Escrow(E::partial_refund { id, amount: payout_for(id, a) }),
			)
		}
		Action::Issuer { what, who } => {
			use pallet_assets::Call as A;
			let id = codec::Compact(escrow_chain_runtime::STABLECOIN);
			let who = account(who).into();
			let call = match what % 6 {
				0 => A::freeze_asset { id },
				1 | 2 => A::thaw_asset { id },
				3 => A::block { id, who },
				_ => A::thaw { id, who },
			};
			// Account 0 issued the stablecoin: it is its admin and freezer.
			(signed(0), RuntimeCall::Assets(call))
		}
		Action::RotatePayout { id, to } => {
			let s = pallet_escrow::Settlements::<Runtime>::get(pick(id))?;
			let store = pallet_store_orders::Stores::<Runtime>::get(s.store)?;
			(
				RuntimeOrigin::signed(store.owner),
				RuntimeCall::StoreOrders(S::update_store {
					store: s.store,
					payout: account(to),
					name: store.name,
					default_time_limit: store.default_time_limit,
					assets: store.assets,
				}),
			)
		}
		Action::FollowPayout { who, id } => {
			let id = pick(id);
			(
				RuntimeOrigin::signed(store_side(id, who)),
				RuntimeCall::Escrow(E::follow_payout_account { id }),
			)
		}
		Action::Advance { .. } | Action::LongAdvance => return None,
	})
}

/// Moves `blocks` blocks on, running every pallet's hooks in each, and checks that each
/// block's hooks were charged at least what the agenda's tasks they ran cost.
fn advance(blocks: BlockNumber) -> Result<(), String> {
	for _ in 0..blocks {
		let from = System::events().len();
		let block = System::block_number() + 1;
		let charged = run_to_block(block);
		check_charged(block, charged, from)?;
	}
	Ok(())
}

/// The agenda's tasks block `block` ran, told by its events from index `from` on, priced by
/// their benchmarks (each at its cheapest: a payout to a payee and a store already paid in
/// the block), must not cost more than the block's hooks were charged, in ref time and in
/// proof size: a pile of tasks due together can then never overrun a block.
fn check_charged(block: BlockNumber, charged: Weight, from: usize) -> Result<(), String> {
	use pallet_escrow::{DisputeEnd, Event as E, PayoutTrigger, RefundGrant, WeightInfo as _};
	type W = <Runtime as pallet_escrow::Config>::WeightInfo;
	let mut done = W::on_initialize_idle();
	let mut tasks = 0;
	for record in System::events().iter().skip(from) {
		let escrow_chain_runtime::RuntimeEvent::Escrow(event) = &record.event else { continue };
		let cost = match event {
			E::SettlementCompleted { trigger: PayoutTrigger::Deadline, .. } => {
				Escrow::auto_settle_again_weight()
			}
			E::SettlementExpired { .. } => Escrow::expire_weight(),
			E::DisputeEnded { end: DisputeEnd::Lapsed, .. } => W::dispute_lapse(),
			E::RefundGranted {
				how: RefundGrant::Silence | RefundGrant::ReturnDeadline, ..
			}
			| E::RefundRequestLost { .. } => W::refund_lapse(),
			E::SettlementPruned { .. } => W::prune(),
			_ => continue,
		};
		done = done.saturating_add(cost);
		tasks += 1;
	}
	if !done.all_lte(charged) {
		return Err(format!(
			"block {block}: its hooks were charged {charged}, less than its {tasks} tasks cost ({done})"
		));
	}
	Ok(())
}

fn hold(asset: &AssetKind, reason: impl Into<RuntimeHoldReason>, who: &AccountId) -> Balance {
	NativeAndAssetHolds::balance_on_hold(asset.clone(), &reason.into(), who)
}

/// The total issuance of each asset.
fn issuance() -> [Balance; 2] {
	ASSETS.map(NativeAndAssetHolds::total_issuance)
}

/// Checks every invariant; the error says which failed.
fn check(issuance_before: [Balance; 2]) -> Result<(), String> {
	use pallet_escrow::HoldReason as H;
	if issuance() != issuance_before {
		return Err(format!("issuance {:?} != {issuance_before:?}", issuance()));
	}

	// What each account must have on hold, in each asset: (payment, settlement deposit,
	// dispute deposit, store deposit).
	let mut expected: BTreeMap<(AccountId, AssetKind), [Balance; 4]> = BTreeMap::new();
	let mut due_once: BTreeMap<u64, u64> = BTreeMap::new();
	for (id, s) in pallet_escrow::Settlements::<Runtime>::iter() {
		if s.status.is_open() {
			let e = expected.entry((s.buyer.clone(), s.asset.clone())).or_default();
			e[0] += s.amount;
			e[1] += s.deposit;
		}
		if let (SettlementStatus::Shipped, Some(deadline)) = (s.status, s.deadline) {
			// At its deadline, or at the next try of a payout that failed.
			let retry = pallet_escrow::Retries::<Runtime>::get(id)
				.filter(|r| r.task == AgendaTask::AutoSettle)
				.map(|r| r.at);
			due_once.insert(id, u64::from(retry.unwrap_or(deadline)));
		}
	}
	for (id, d) in pallet_escrow::Disputes::<Runtime>::iter() {
		let s =
			pallet_escrow::Settlements::<Runtime>::get(id).ok_or("a dispute without settlement")?;
		// The store's side may be its payout account or its owner.
		let side = match d.opened_by {
			pallet_escrow::Party::Buyer => d.opener == s.buyer,
			pallet_escrow::Party::Payee => {
				d.opener == s.payee
					|| pallet_store_orders::Stores::<Runtime>::get(s.store)
						.is_some_and(|store| store.owner == d.opener || store.payout == d.opener)
			}
		};
		if !side {
			return Err(format!("dispute {id} was opened by an account of neither side"));
		}
		expected.entry((d.opener, s.asset)).or_default()[2] += d.deposit;
	}
	for (_, store) in pallet_store_orders::Stores::<Runtime>::iter() {
		expected.entry((store.owner, NativeOrWithId::Native)).or_default()[3] += store.deposit;
	}
	for index in 0..ACCOUNTS {
		let who = account(index);
		for asset in &ASSETS {
			let want = expected.get(&(who.clone(), asset.clone())).copied().unwrap_or_default();
			let have = [
				hold(asset, H::Payment, &who),
				hold(asset, H::SettlementDeposit, &who),
				hold(asset, H::DisputeDeposit, &who),
				hold(asset, pallet_store_orders::HoldReason::StoreDeposit, &who),
			];
			if want != have {
				return Err(format!(
					"holds of account {index} in {asset:?}: {have:?}, expected {want:?}"
				));
			}
		}
	}

	// Each shipped settlement is due exactly once, at its deadline (or its payout's next try);
	// nothing else auto-settles.
	let mut seen: BTreeMap<u64, Vec<u64>> = BTreeMap::new();
	for key in pallet_escrow::Agenda::<Runtime>::iter_keys() {
		if key.task == AgendaTask::AutoSettle {
			seen.entry(key.settlement()).or_default().push(key.due());
		}
	}
	for (id, deadline) in &due_once {
		if seen.get(id) != Some(&vec![*deadline]) {
			return Err(format!(
				"shipped settlement {id} is due {:?}, not once at {deadline}",
				seen.get(id)
			));
		}
	}
	if let Some(id) = seen.keys().find(|id| !due_once.contains_key(id)) {
		return Err(format!("settlement {id} is due to auto-settle but not shipped"));
	}

	// One payment record per settlement at most.
	let mut records: BTreeMap<u64, u32> = BTreeMap::new();
	for (_, record) in pallet_escrow::PaymentRecords::<Runtime>::iter() {
		let count = records.entry(record.settlement).or_default();
		*count += 1;
		if *count > 1 {
			return Err(format!("settlement {} was paid twice", record.settlement));
		}
	}

	// Every completed store order names a record that paid its store what it says.
	for (store, number, order) in pallet_store_orders::Orders::<Runtime>::iter() {
		if order.status != OrderStatus::Completed {
			continue;
		}
		let id =
			order.record.ok_or(format!("completed order {store}/{number:?} names no record"))?;
		// Records are pruned with their settlement after the retention period.
		if let Some(record) = pallet_escrow::PaymentRecords::<Runtime>::get(id) {
			if record.settlement != order.settlement
				|| record.payee != order.payee
				|| Some(record.amount) != order.paid
			{
				return Err(format!("order {store}/{number:?}: record {id} did not pay its store"));
			}
		}
	}

	Escrow::do_try_state().map_err(|e| format!("escrow try_state: {e:?}"))?;
	StoreOrders::do_try_state().map_err(|e| format!("store-orders try_state: {e:?}"))?;
	Funding::do_try_state().map_err(|e| format!("funding try_state: {e:?}"))?;
	Ok(())
}

/// A deduction or a split.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
	Deduction,
	Split,
}

/// What signers saw of the open proposals: each as it stands now, and as it stood when it
/// first appeared (an acceptance signed then and included after the proposal changed).
#[derive(Default)]
struct Views {
	now: BTreeMap<(Kind, u64), Balance>,
	first: BTreeMap<(Kind, u64), Balance>,
}

impl Views {
	/// Reads the proposals after a step.
	fn step(&mut self) {
		self.now = proposals();
		self.first.retain(|key, _| self.now.contains_key(key));
		for (key, payout) in &self.now {
			self.first.entry(*key).or_insert(*payout);
		}
	}

	/// The payout a signer accepts: the proposal as it stands, or as it first stood.
	fn seen(&self, stale: bool, kind: Kind, id: u64) -> Balance {
		let view = if stale { &self.first } else { &self.now };
		view.get(&(kind, id)).copied().unwrap_or(1)
	}
}

/// The open proposals: deductions and splits, with who proposed them.
fn proposals() -> BTreeMap<(Kind, u64), Balance> {
	proposers().into_iter().map(|(key, (_, payout))| (key, payout)).collect()
}

/// The open proposals and whether the buyer made each.
fn proposers() -> BTreeMap<(Kind, u64), (bool, Balance)> {
	let mut found = BTreeMap::new();
	for (id, s) in pallet_escrow::Settlements::<Runtime>::iter() {
		if let Some(p) = s.proposal {
			found.insert((Kind::Deduction, id), (p.by == pallet_escrow::Party::Buyer, p.payout));
		}
	}
	for (id, d) in pallet_escrow::Disputes::<Runtime>::iter() {
		if let Some(p) = d.proposal {
			found.insert((Kind::Split, id), (p.by == pallet_escrow::Party::Buyer, p.payout));
		}
	}
	found
}

/// What the two sides of one settlement agreed to, as the test saw them say it.
#[derive(Default, Debug)]
struct Consent {
	/// The most ever held for it.
	held: Balance,
	/// The order amount the store accepted.
	order_amount: Option<Balance>,
	/// The open proposals: kind → (proposer is the buyer, payout, the proposer's account).
	proposals: BTreeMap<Kind, (bool, Balance, Option<AccountId>)>,
	/// A deduction both sides agreed.
	agreed: Option<Balance>,
	/// Splits both sides agreed.
	splits: Vec<Balance>,
	/// The arbiter's split rulings.
	rulings: Vec<Balance>,
	/// What the store is owed fell by since it accepted, and since the deduction was agreed:
	/// all of a partial refund, and of a granted request what it took beyond what was held
	/// over what the store was owed.
	refunded_since_accepted: Balance,
	refunded_since_agreed: Balance,
	/// What is held now.
	holding: Balance,
	/// A granted request whose refund is being made: what was held over what the store was
	/// owed when it was granted, which the refund takes first.
	grant_over_owed: Option<Balance>,
	/// The open refund request, as the buyer asked it: its amount and when the store's answer
	/// was due.
	request: Option<(Balance, BlockNumber)>,
	/// The store said no to the open request within its period, and the call failed.
	refused: bool,
	/// The deadline shipping set, and the extensions the buyer made since.
	first_deadline: Option<BlockNumber>,
	extensions: u32,
	/// A task of the agenda failed for it (the issuer froze the asset or blocked an account):
	/// its payout then waits for the retries, not for the clock.
	failed: bool,
	/// The block the store accepted it in, and whether it shipped within its ship-by limit
	/// (past it the buyer may cancel; a buyer who waits chooses to).
	accepted_at: Option<BlockNumber>,
	shipped_in_time: Option<bool>,
	/// A question of it was open when the test jumped a month ahead: its end ran late, behind
	/// the agenda's catch-up, which the allowance does not count.
	late: bool,
	/// The commission rate it opened with, and the payout it was paid.
	commission: Option<u16>,
	paid: Option<Balance>,
}

impl Consent {
	/// What the store is owed now: the agreed deduction or the order amount, less what was
	/// refunded since, never below zero.
	fn owed(&self) -> Option<Balance> {
		let order = self.order_amount?;
		Some(match self.agreed {
			Some(agreed) => agreed.saturating_sub(self.refunded_since_agreed),
			None => order.saturating_sub(self.refunded_since_accepted),
		})
	}
}

/// The test's own record of consent, and how far it has read the events.
#[derive(Default)]
struct Ledger {
	settlements: BTreeMap<u64, Consent>,
	events_read: usize,
	/// The rate each store accepted, by the test's own calls, while it is in the marketplace.
	joined: BTreeMap<u32, u16>,
	/// The commissions paid to the fee account, by asset.
	fees: BTreeMap<AssetKind, Balance>,
}

impl Ledger {
	/// Records what a successful call said: a proposal, an acceptance at the payout the signer
	/// saw, a ruling. Fails if the call accepted what a replaced store key proposed.
	fn record(&mut self, signer: Option<AccountId>, call: &RuntimeCall) -> Result<(), String> {
		use pallet_escrow::Call as E;
		if let RuntimeCall::StoreOrders(pallet_store_orders::Call::pay_signed_request {
			request,
			..
		}) = call
		{
			return Self::signed_terms_kept(request);
		}
		if let RuntimeCall::StoreOrders(call) = call {
			use pallet_store_orders::Call as S;
			match call {
				S::join_marketplace { store, rate, .. } => {
					self.joined.insert(*store, *rate);
				}
				S::leave_marketplace { store } | S::close_store { store } => {
					self.joined.remove(store);
				}
				_ => {}
			}
			return Ok(());
		}
		let RuntimeCall::Escrow(call) = call else { return Ok(()) };
		let (id, kind, payout, accept) = match call {
			E::propose_deduction { id, payout } => (*id, Kind::Deduction, *payout, false),
			E::accept_deduction { id, payout } => (*id, Kind::Deduction, *payout, true),
			E::propose_split { id, payout } => (*id, Kind::Split, *payout, false),
			E::accept_split { id, payout } => (*id, Kind::Split, *payout, true),
			E::resolve_dispute { id, ruling: Ruling::Split { payout } } => {
				self.settlements.entry(*id).or_default().rulings.push(*payout);
				return Ok(());
			}
			_ => return Ok(()),
		};
		let settlement = pallet_escrow::Settlements::<Runtime>::get(id);
		let origin_is_buyer =
			signer.is_some() && signer == settlement.as_ref().map(|s| s.buyer.clone());
		let consent = self.settlements.entry(id).or_default();
		if !accept {
			consent.proposals.insert(kind, (origin_is_buyer, payout, signer));
			return Ok(());
		}
		// Agreed only if the other side proposed exactly what this side accepted.
		let Some((by_buyer, proposed, proposer)) = consent.proposals.get(&kind).cloned() else {
			return Ok(());
		};
		if by_buyer != origin_is_buyer && proposed == payout {
			// What a store key proposed stands only while that key acts for the store.
			if !by_buyer {
				let acts = settlement
					.and_then(|s| pallet_store_orders::Stores::<Runtime>::get(s.store))
					.is_some_and(|st| proposer == Some(st.owner) || proposer == Some(st.payout));
				if !acts {
					return Err(format!(
						"{id}: accepted a {kind:?} of {payout} that a replaced key ({proposer:?}) proposed"
					));
				}
			}
			consent.proposals.remove(&kind);
			match kind {
				Kind::Deduction => {
					let full = consent.order_amount.map_or(Balance::MAX, |o| {
						o.saturating_sub(consent.refunded_since_accepted)
					});
					consent.agreed = (payout < full).then_some(payout);
					consent.refunded_since_agreed = 0;
				}
				Kind::Split => consent.splits.push(payout),
			}
		}
		Ok(())
	}

	/// The test jumps a month ahead: every settlement with a question open then has its end
	/// run late, by the agenda's catch-up.
	fn jump(&mut self) {
		for (id, c) in self.settlements.iter_mut() {
			let open = pallet_escrow::Disputes::<Runtime>::contains_key(id)
				|| pallet_escrow::RefundRequests::<Runtime>::contains_key(id);
			c.late |= open;
		}
	}

	/// Reads the new events: amounts held and accepted, and checks every payout.
	fn check_payouts(&mut self) -> Result<(), String> {
		use pallet_escrow::{Event as E, PayoutTrigger as T};
		let events = System::events();
		// The settlements a grant read here left open, and what the store was owed after it.
		let mut granted = BTreeMap::new();
		for record in events.iter().skip(self.events_read) {
			let escrow_chain_runtime::RuntimeEvent::Escrow(event) = &record.event else {
				continue;
			};
			if let E::SettlementOpened { id, store, .. } = event {
				// Exactly what the store consented to: the rate it accepted, or the
				// marketplace's lower one; nothing outside it or at a rate of zero.
				let offered =
					pallet_store_orders::Marketplaces::<Runtime>::get(0).map_or(0, |m| m.rate);
				let want = self.joined.get(store).map(|r| (*r).min(offered)).filter(|r| *r > 0);
				let s = pallet_escrow::Settlements::<Runtime>::get(id)
					.ok_or(format!("{id} opened, not kept"))?;
				let got = s.commission.as_ref().map(|c| c.rate);
				if got != want || s.commission.is_some_and(|c| c.fee_account != fee_account()) {
					return Err(format!(
						"{id} opened owing {got:?}, the store consented to {want:?}"
					));
				}
				self.settlements.entry(*id).or_default().commission = got;
			}
			match event {
				E::SettlementOpened { id, amount, .. }
				| E::SettlementUpdated { id, amount, .. } => {
					let c = self.settlements.entry(*id).or_default();
					c.held = c.held.max(*amount);
					c.holding = *amount;
				}
				E::SettlementAccepted { id, order_amount } => {
					let c = self.settlements.entry(*id).or_default();
					c.order_amount = Some(*order_amount);
					c.accepted_at = Some(System::block_number());
				}
				E::RefundRequested { id, amount, respond_by, .. } => {
					let c = self.settlements.entry(*id).or_default();
					c.request = Some((*amount, *respond_by));
					c.refused = false;
				}
				E::SettlementShipped { id, deadline } => {
					let c = self.settlements.entry(*id).or_default();
					c.first_deadline = Some(*deadline);
					c.extensions = 0;
					let limit: BlockNumber = <Runtime as pallet_escrow::Config>::ShipByLimit::get();
					let ship_by = pallet_escrow::Settlements::<Runtime>::get(id)
						.and_then(|s| s.accepted)
						.map(|a| a.at + limit);
					c.shipped_in_time = ship_by.map(|by| System::block_number() <= by);
				}
				E::DeadlineExtended { id, .. } => {
					self.settlements.entry(*id).or_default().extensions += 1;
				}
				E::TaskFailed { id, .. } => {
					self.settlements.entry(*id).or_default().failed = true;
				}
				E::SettlementExpired { id, .. } => {
					let c = self.settlements.entry(*id).or_default();
					let s = pallet_escrow::Settlements::<Runtime>::get(id)
						.ok_or(format!("{id} expired, not kept"))?;
					let now = System::block_number();
					if c.order_amount.is_some() || s.opened_at + Escrow::acceptance_period() > now {
						return Err(format!(
							"{id} expired at {now}: {c:?}, opened {}",
							s.opened_at
						));
					}
				}
				E::RefundGranted { id, amount, how } => {
					use pallet_escrow::RefundGrant as G;
					let c = self.settlements.entry(*id).or_default();
					if matches!(how, G::Silence | G::ReturnDeadline) && c.refused {
						return Err(format!(
							"{id}: the chain granted ({how:?}) a refund the store refused"
						));
					}
					let (asked, respond_by) =
						c.request.take().ok_or(format!("{id} granted a refund nobody asked"))?;
					if *amount != asked {
						return Err(format!("{id} granted {amount}, the buyer asked {asked}"));
					}
					let now = System::block_number();
					if *how == pallet_escrow::RefundGrant::Silence && now < respond_by {
						return Err(format!("{id} granted by silence at {now}, due {respond_by}"));
					}
					let owed = c.owed().ok_or(format!("{id} granted a refund, never accepted"))?;
					let over_owed = c.holding.saturating_sub(owed);
					c.grant_over_owed = Some(over_owed);
					// What the store is still owed after it: the grant takes the excess first.
					granted.insert(*id, owed.saturating_sub(amount.saturating_sub(over_owed)));
				}
				E::SettlementRefunded { id, released, .. } => {
					// A grant releases the request and the excess; it closes the settlement,
					// releasing the rest too, only when nothing is owed, or what is owed is
					// dust its payout account could not receive.
					if let Some(left) = granted.remove(id) {
						let dust = pallet_escrow::Settlements::<Runtime>::get(id).map_or(0, |s| {
							match s.asset {
								NativeOrWithId::Native => EXISTENTIAL_DEPOSIT,
								NativeOrWithId::WithId(_) => STABLECOIN_MIN_BALANCE,
							}
						});
						if left >= dust && left > 0 {
							return Err(format!(
								"{id}: a grant released {released}, the store still owed {left}"
							));
						}
					}
				}
				E::RefundRefused { id, .. } | E::RefundRequestLost { id, .. } => {
					self.settlements.entry(*id).or_default().request = None;
				}
				E::RefundMade { id, amount, held, .. } => {
					let c = self.settlements.entry(*id).or_default();
					// A grant takes what was held over what the store is owed first.
					let falls_by = match c.grant_over_owed.take() {
						Some(over_owed) => amount.saturating_sub(over_owed),
						None => *amount,
					};
					c.refunded_since_accepted += falls_by;
					c.refunded_since_agreed += falls_by;
					c.holding = *held;
					// A refund drops an open deduction proposal: it was made on other amounts.
					c.proposals.remove(&Kind::Deduction);
				}
				E::CommissionPaid { id, rate, amount, asset, fee_account: to, .. } => {
					let c =
						self.settlements.get(id).ok_or(format!("{id} commission, never opened"))?;
					let paid = c.paid.ok_or(format!("{id}: a commission without a payout"))?;
					if c.commission != Some(*rate) || *to != fee_account() {
						return Err(format!(
							"{id} paid a commission at {rate}, opened with {:?}",
							c.commission
						));
					}
					let cut = paid * Balance::from(*rate) / 10_000;
					let min = NativeAndAssetHolds::minimum_balance(asset.clone());
					let fee_short =
						NativeAndAssetHolds::balance(asset.clone(), &fee_account()) < min;
					let waived = *amount == 0 && (fee_short || paid - cut < min);
					if *amount != cut && !waived {
						return Err(format!(
							"{id} paid a commission of {amount} on {paid} at {rate}"
						));
					}
					let record = pallet_escrow::PaymentRecords::<Runtime>::get(id)
						.ok_or(format!("{id}: a commission without a record"))?;
					let recorded = record.commission.as_ref().map(|c| c.amount);
					if recorded != Some(*amount) || record.received() + amount != paid {
						return Err(format!("{id}: its record says {recorded:?} of {paid}"));
					}
					*self.fees.entry(asset.clone()).or_default() += amount;
				}
				E::SettlementCompleted { id, paid, trigger, .. } => {
					let has_commission = pallet_escrow::PaymentRecords::<Runtime>::get(id)
						.is_some_and(|r| r.commission.is_some());
					let c = self.settlements.entry(*id).or_default();
					c.paid = Some(*paid);
					if has_commission != c.commission.is_some() {
						return Err(format!(
							"{id} paid, commission {has_commission}: {:?}",
							c.commission
						));
					}
					let c = self.settlements.get(id).ok_or(format!("{id} paid, never opened"))?;
					let owed = c.owed().ok_or(format!("{id} paid, never accepted"))?;
					let allowed = match trigger {
						T::Confirmed => *paid >= owed,
						T::Deadline => *paid == owed,
						T::Agreed => c.splits.contains(paid),
						T::Arbiter => c.rulings.contains(paid),
					};
					if !allowed || *paid > c.held {
						return Err(format!(
							"settlement {id} paid {paid} ({trigger:?}) without consent: {c:?}"
						));
					}
				}
				_ => {}
			}
		}
		self.events_read = events.len();
		// The fee account holds exactly the commissions paid to it, in each asset.
		for asset in &ASSETS {
			let have = NativeAndAssetHolds::balance(asset.clone(), &fee_account());
			let want = self.fees.get(asset).copied().unwrap_or_default();
			if have != want {
				return Err(format!("the fee account has {have} in {asset:?}, was paid {want}"));
			}
		}
		Ok(())
	}

	/// One clock: no shipped settlement's deadline is ever later than its first deadline, the
	/// extensions the buyer made and the pause allowance; none stays held past that and the
	/// longest question (unless a task of its failed, and waits for a retry).
	fn check_clock(&self) -> Result<(), String> {
		let now = System::block_number();
		let extension: BlockNumber = <Runtime as pallet_escrow::Config>::ExtensionPeriod::get();
		let ship_by_limit: BlockNumber = <Runtime as pallet_escrow::Config>::ShipByLimit::get();
		for (id, c) in &self.settlements {
			let Some(s) = pallet_escrow::Settlements::<Runtime>::get(id) else { continue };
			// Counted from acceptance: the questions before shipping move the store's ship-by
			// limit by at most the allowance and one question, and a store that shipped within
			// its limit is paid by the bound from acceptance.
			if let (Some(accepted), false, false, true) =
				(c.accepted_at, c.failed, c.late, s.status.is_open())
			{
				let latest = Escrow::latest_shipping(accepted);
				if let Some(ship_by) = s.accepted.as_ref().map(|a| a.at + ship_by_limit) {
					if ship_by > latest {
						return Err(format!(
							"{id}: ship-by limit {ship_by}, past its bound {latest}: {c:?}"
						));
					}
				}
				let latest = Escrow::latest_payout_from_acceptance(accepted, s.time_limit);
				if c.shipped_in_time == Some(true) && now > latest {
					return Err(format!(
						"{id} still held at {now}, past the bound from acceptance {latest}: {c:?}"
					));
				}
			}
			let (Some(first), false) = (c.first_deadline, c.failed) else { continue };
			let moved = first + c.extensions * extension + Escrow::pause_allowance();
			if let Some(deadline) = s.deadline.filter(|_| s.status.is_open()) {
				if deadline > moved {
					return Err(format!(
						"{id}: deadline {deadline}, past its bound {moved}: {c:?}"
					));
				}
			}
			if s.status.is_open() && now > moved + Escrow::longest_question() {
				return Err(format!(
					"{id} still held at {now}, past {moved} and a question: {c:?}"
				));
			}
		}
		Ok(())
	}
}

impl Ledger {
	/// A paid request's settlement was accepted on exactly the terms its store signed, for
	/// the store's payout account of the moment.
	fn signed_terms_kept(
		request: &pallet_store_orders::PaymentRequestOf<Runtime>,
	) -> Result<(), String> {
		let order = pallet_store_orders::Orders::<Runtime>::get(request.store, &request.order_no)
			.ok_or("a paid request left no order")?;
		let s = pallet_escrow::Settlements::<Runtime>::get(order.settlement)
			.ok_or("a paid request's order has no settlement")?;
		let payout = pallet_store_orders::Stores::<Runtime>::get(request.store).map(|st| st.payout);
		let kept = s.accepted.map(|a| a.order_amount) == Some(request.amount)
			&& s.amount == request.amount
			&& s.asset == request.asset
			&& s.snapshot == request.snapshot
			&& s.time_limit == request.time_limit
			&& Some(s.payee.clone()) == payout
			&& s.status == SettlementStatus::Accepted;
		if kept {
			Ok(())
		} else {
			Err(format!(
				"settlement {} is not the request the store signed: {s:?}",
				order.settlement
			))
		}
	}
}

fn chain() -> sp_io::TestExternalities {
	let mut config = RuntimeGenesisConfig::default();
	config.balances.balances = (0..ACCOUNTS)
		.map(|i| {
			let balance = match i {
				0..=3 => 1_000 * UNIT,
				4 => 2 * UNIT,
				_ => 2 * EXISTENTIAL_DEPOSIT,
			};
			(account(i), balance)
		})
		.collect();
	// Dollars: accounts 0-2 are rich in both; 3 has no dollars; 5 has only dollars (a small
	// ESC balance, below the existential deposit, it never had).
	config.assets.assets =
		vec![(escrow_chain_runtime::STABLECOIN, account(0), true, STABLECOIN_MIN_BALANCE)];
	config.assets.accounts =
		[(0, 1_000 * UNIT), (1, 1_000 * UNIT), (2, 1_000 * UNIT), (4, UNIT), (5, 500 * UNIT)]
			.into_iter()
			.map(|(i, balance)| (escrow_chain_runtime::STABLECOIN, account(i), balance))
			.collect();
	config.balances.balances.retain(|(who, _)| *who != account(5));
	config.store_orders.stores = vec![
		(account(0), account(0), b"first".to_vec(), None, ASSETS.to_vec()),
		(account(1), account(2), b"second".to_vec(), Some(20), vec![NativeOrWithId::Native]),
		// SIGNING_STORE: its owner has a real key, and signs payment requests.
		(ferdie(), ferdie(), b"signing".to_vec(), None, ASSETS.to_vec()),
	];
	config.balances.balances.push((ferdie(), 10 * UNIT));
	// Short after-sales periods and a small pause allowance, so that a case can ask question
	// after question about one settlement within its steps.
	config.escrow.after_sales_periods = Some((10, 10, 10));
	config.escrow.pause_allowance = Some(ALLOWANCE);
	let mut ext = sp_io::TestExternalities::new(config.build_storage().unwrap());
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// The test chain's pause allowance, in blocks.
const ALLOWANCE: BlockNumber = 60;

fn storage_root() -> Vec<u8> {
	sp_io::storage::root(sp_runtime::StateVersion::V1)
}

/// Runs `actions`; the first broken invariant fails the case.
fn run(actions: &[Action]) -> Result<(), TestCaseError> {
	chain().execute_with(|| {
		let issuance = issuance();
		assert_eq!(STORE_DEPOSIT, <Runtime as pallet_store_orders::Config>::StoreDeposit::get());
		let mut views = Views::default();
		let mut ledger = Ledger::default();
		// The marketplace, at an ordinary rate.
		assert!(StoreOrders::register_marketplace(
			RuntimeOrigin::signed(account(OPERATOR)),
			BoundedVec::truncate_from(b"bazaar".to_vec()),
			RATES[2],
			fee_account(),
		)
		.is_ok());
		for (step, action) in actions.iter().enumerate() {
			views.step();
			match action {
				Action::Advance { blocks } => advance(BlockNumber::from(*blocks))
					.map_err(|e| TestCaseError::fail(format!("step {step}: {e}")))?,
				Action::LongAdvance => {
					ledger.jump();
					// The agenda catches up on everything due, block by block.
					let target = System::block_number() + 31 * DAYS;
					System::set_block_number(target - 1);
					advance(5).map_err(|e| TestCaseError::fail(format!("step {step}: {e}")))?;
				}
				_ => {
					let Some((origin, call)) = call_of(action, &views) else { continue };
					let signer = origin.clone().into_signer();
					let refusal = signer.as_ref().and_then(|who| refusable(&call, who));
					let before = storage_root();
					let result = call.clone().dispatch(origin);
					tally(action, result.is_ok());
					if let Action::PaySigned { twist: 4.., .. } = action {
						prop_assert!(
							result.is_err(),
							"step {}: a request changed after signing, expired, signed by another \
							 key or named for another payer was paid: {:?}",
							step,
							action
						);
					}
					if let (Err(_), Some(id)) = (&result, refusal) {
						// A "no" the store was entitled to say, and the chain refused it.
						ledger.settlements.entry(id).or_default().refused = true;
					}
					if result.is_err() {
						prop_assert_eq!(
							storage_root(),
							before,
							"step {}: a failed call changed storage",
							step
						);
					} else {
						ledger
							.record(signer, &call)
							.map_err(|e| TestCaseError::fail(format!("step {step}: {e}")))?;
					}
					ledger
						.check_payouts()
						.map_err(|e| TestCaseError::fail(format!("step {step}: {e}")))?;
					continue;
				}
			}
			ledger.check_payouts().map_err(|e| TestCaseError::fail(format!("step {step}: {e}")))?;
			ledger
				.check_clock()
				.map_err(|e| TestCaseError::fail(format!("after step {step}: {e}")))?;
			check(issuance).map_err(|e| TestCaseError::fail(format!("after step {step}: {e}")))?;
		}
		advance(1).map_err(|e| TestCaseError::fail(format!("at the end: {e}")))?;
		ledger.check_payouts().map_err(|e| TestCaseError::fail(format!("at the end: {e}")))?;
		if std::env::var_os("INVARIANTS_STATS").is_some() {
			eprintln!("calls (dispatched, succeeded): {:?}", STATS.lock().map(|s| s.clone()));
		}
		check(issuance).map_err(|e| TestCaseError::fail(format!("at the end: {e}")))
	})
}

/// The settlement whose refund request `call` refuses, if `who` may refuse it now: the store
/// (its current payout account or owner) answers a request or a shipped return within its
/// period.
fn refusable(call: &RuntimeCall, who: &AccountId) -> Option<u64> {
	use pallet_escrow::{Call as E, RefundStage as R};
	let RuntimeCall::Escrow(E::refuse_refund { id }) = call else { return None };
	let s = pallet_escrow::Settlements::<Runtime>::get(id)?;
	let r = pallet_escrow::RefundRequests::<Runtime>::get(id)?;
	// The store's owner or its current payout account: a payout account the store replaced
	// (the settlement's payee until the store follows it) acts for it no more.
	let store = pallet_store_orders::Stores::<Runtime>::get(s.store);
	let store_side = store.is_some_and(|st| st.owner == *who || st.payout == *who);
	let in_time = matches!(r.stage, R::Requested | R::Returned) && System::block_number() < r.due;
	(store_side && in_time).then_some(*id)
}

/// The settlement an escrow call names.
fn cases() -> u32 {
	std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(48)
}

proptest! {
	#![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

	#[test]
	fn money_is_kept_through_any_sequence(actions in prop::collection::vec(action(), 1..200)) {
		run(&actions)?;
	}
}
