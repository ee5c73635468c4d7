//! Tests of the funding pallet: offers and acceptance, deposits, each source alone and
//! combined, limits, revocation and removal, repayment, refunds to the lender, links in an
//! asset (drawn, owed and repaid only in it; switching asset), and every error.

use crate::{mock::*, *};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect, InspectHold},
		Get,
	},
	weights::{RuntimeDbWeight, Weight},
};
use sp_runtime::DispatchError;

fn free(who: AccountId) -> Balance {
	Balances::balance(&who)
}

fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::LinkDeposit.into(), &who)
}

/// Covers `shortfall` of the buyer's native settlement `id`.
fn cover(id: u64, shortfall: Balance) -> Result<(), DispatchError> {
	cover_in(NATIVE, id, shortfall)
}

/// Covers `shortfall` of the buyer's settlement `id` in `asset`.
fn cover_in(asset: AssetKind, id: u64, shortfall: Balance) -> Result<(), DispatchError> {
	<Funding as FundingSource<AccountId, AssetKind, Balance>>::cover(id, &BUYER, &asset, shortfall)
}

/// The buyer's native settlement `id` closes, `released` of its hold going back.
fn close(id: u64, released: Balance) -> Weight {
	close_in(NATIVE, id, released)
}

/// The buyer's settlement `id` in `asset` closes, `released` of its hold going back.
fn close_in(asset: AssetKind, id: u64, released: Balance) -> Weight {
	<Funding as FundingSource<AccountId, AssetKind, Balance>>::on_close(
		id, &BUYER, &asset, released,
	)
}

/// `released` of the hold of the buyer's native settlement `id` goes back before the close.
fn release(id: u64, released: Balance) -> Weight {
	release_in(NATIVE, id, released)
}

/// `released` of the hold of the buyer's settlement `id` in `asset` goes back before the close.
fn release_in(asset: AssetKind, id: u64, released: Balance) -> Weight {
	<Funding as FundingSource<AccountId, AssetKind, Balance>>::on_release(
		id, &BUYER, &asset, released,
	)
}

fn one_read() -> Weight {
	let db: RuntimeDbWeight = <<Test as frame_system::Config>::DbWeight as Get<_>>::get();
	db.reads(1)
}

/// `linked` offers native top-ups up to `limit` and the buyer accepts.
fn link(linked: AccountId, limit: Balance) {
	link_in(linked, NATIVE, limit)
}

/// `linked` offers top-ups of `asset` up to `limit` and the buyer accepts.
fn link_in(linked: AccountId, asset: AssetKind, limit: Balance) {
	assert_ok!(Funding::approve_top_up(RuntimeOrigin::signed(linked), BUYER, asset.clone(), limit));
	assert_ok!(Funding::accept_top_up(RuntimeOrigin::signed(BUYER), linked, asset, limit));
}

/// `lender` offers a native credit line of `limit` and the buyer accepts.
fn lend(lender: AccountId, limit: Balance) {
	lend_in(lender, NATIVE, limit)
}

/// `lender` offers a credit line of `limit` of `asset` and the buyer accepts.
fn lend_in(lender: AccountId, asset: AssetKind, limit: Balance) {
	assert_ok!(Funding::open_credit_line(
		RuntimeOrigin::signed(lender),
		BUYER,
		asset.clone(),
		limit
	));
	assert_ok!(Funding::accept_credit_line(RuntimeOrigin::signed(BUYER), lender, asset, limit));
}

/// `who`'s dollars.
fn dollars(who: AccountId) -> Balance {
	<Assets as frame_support::traits::fungibles::Inspect<_>>::balance(USD_ID, &who)
}

fn debt(lender: AccountId) -> Balance {
	CreditLines::<Test>::get(BUYER, lender).map_or(0, |l| l.debt)
}

#[test]
fn a_linked_account_tops_up_within_its_allowance() {
	ExtBuilder::default().build_and_execute(|| {
		link(LINKED, 300);
		assert_eq!(
			Allowances::<Test>::get(BUYER, LINKED),
			Some(TopUp { asset: NATIVE, limit: 300, deposit: LINK_DEPOSIT })
		);
		assert_ok!(cover(7, 120));
		assert_eq!(free(BUYER), 220);
		assert_eq!(free(LINKED), 1_000 - LINK_DEPOSIT - 120);
		assert_eq!(Allowances::<Test>::get(BUYER, LINKED).map(|l| l.limit), Some(180));
		assert_eq!(
			Draws::<Test>::get(7).unwrap().into_inner(),
			vec![Draw { from: LINKED, source: Source::Linked, amount: 120 }]
		);
		assert!(funding_events().contains(&Event::ToppedUp {
			settlement: 7,
			buyer: BUYER,
			from: LINKED,
			asset: NATIVE,
			amount: 120
		}));
		// A spent link stays, at zero, until raised or removed.
		assert_ok!(cover(8, 180));
		assert_eq!(Allowances::<Test>::get(BUYER, LINKED).map(|l| l.limit), Some(0));
		assert_eq!(LinkedCount::<Test>::get(BUYER), 1);
		assert_noop!(cover(9, 1), Error::<Test>::ShortfallNotCovered);
	});
}

#[test]
fn credit_is_drawn_as_debt_and_repaid_by_the_borrower() {
	ExtBuilder::default().build_and_execute(|| {
		lend(LENDER, 500);
		assert_ok!(cover(1, 200));
		assert_eq!(debt(LENDER), 200);
		assert_eq!(free(BUYER), 300);
		assert!(funding_events().contains(&Event::CreditDrawn {
			settlement: 1,
			borrower: BUYER,
			lender: LENDER,
			asset: NATIVE,
			amount: 200,
			debt: 200
		}));
		close(1, 0); // paid out in full: nothing released, the debt stays
		assert_eq!(debt(LENDER), 200);
		assert_ok!(Funding::repay(RuntimeOrigin::signed(BUYER), LENDER, 150));
		assert_eq!(debt(LENDER), 50);
		assert_eq!(free(LENDER), 1_000 - LINK_DEPOSIT - 200 + 150);
		assert_noop!(
			Funding::repay(RuntimeOrigin::signed(BUYER), LENDER, 51),
			Error::<Test>::AboveDebt
		);
		assert_noop!(
			Funding::repay(RuntimeOrigin::signed(BUYER), LENDER, 0),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			Funding::repay(RuntimeOrigin::signed(BUYER), EVE, 1),
			Error::<Test>::NoCreditLine
		);
		assert_ok!(Funding::repay(RuntimeOrigin::signed(BUYER), LENDER, 50));
		assert_eq!(debt(LENDER), 0);
		assert_eq!(held(LENDER), LINK_DEPOSIT, "an open line stays, with its deposit");
	});
}

#[test]
fn linked_accounts_come_before_credit() {
	ExtBuilder::default().build_and_execute(|| {
		lend(LENDER, 500);
		link(LINKED, 100);
		link(LINKED2, 50);
		assert_ok!(cover(3, 230));
		assert_eq!(
			free(LINKED) + free(LINKED2),
			2_000 - 2 * LINK_DEPOSIT - 150,
			"both linked accounts are spent"
		);
		assert_eq!(debt(LENDER), 80, "credit covers the rest");
		let draws = Draws::<Test>::get(3).unwrap();
		assert_eq!(draws.len(), 3);
		assert_eq!(draws.last().map(|d| d.source), Some(Source::Credit));
	});
}

#[test]
fn nothing_is_drawn_unless_the_whole_shortfall_is_covered() {
	ExtBuilder::default().build_and_execute(|| {
		link(LINKED, 100);
		lend(SMALL_LENDER, 500); // 50, less its deposit: can give at most 35 and stay alive
		assert_noop!(cover(1, 136), Error::<Test>::ShortfallNotCovered);
		assert_ok!(cover(1, 135));
		assert_eq!(free(SMALL_LENDER), ED);
	});
}

#[test]
fn revoked_links_and_closed_lines_are_not_drawn() {
	ExtBuilder::default().build_and_execute(|| {
		link(LINKED, 100);
		assert_ok!(Funding::approve_top_up(RuntimeOrigin::signed(LINKED), BUYER, NATIVE, 0));
		assert_eq!(
			funding_events().last(),
			Some(&Event::TopUpRevoked { linked: LINKED, buyer: BUYER })
		);
		assert_eq!((free(LINKED), held(LINKED)), (1_000, 0), "deposit released");
		assert_eq!(LinkedCount::<Test>::get(BUYER), 0);
		assert_noop!(
			Funding::approve_top_up(RuntimeOrigin::signed(LINKED), BUYER, NATIVE, 0),
			Error::<Test>::NotLinked
		);
		lend(LENDER, 100);
		assert_ok!(Funding::close_credit_line(RuntimeOrigin::signed(LENDER), BUYER));
		assert_eq!(CreditLines::<Test>::get(BUYER, LENDER), None, "no debt: removed");
		assert_eq!(held(LENDER), 0);
		assert_noop!(cover(1, 10), Error::<Test>::ShortfallNotCovered);
		// Lowering a limit below what is owed keeps the debt but stops new draws.
		lend(LENDER, 100);
		assert_ok!(cover(2, 60));
		assert_ok!(Funding::open_credit_line(RuntimeOrigin::signed(LENDER), BUYER, NATIVE, 50));
		assert_eq!(
			funding_events().last(),
			Some(&Event::LimitLowered {
				buyer: BUYER,
				creator: LENDER,
				kind: Source::Credit,
				asset: NATIVE,
				limit: 50
			})
		);
		assert_noop!(cover(3, 1), Error::<Test>::ShortfallNotCovered);
		assert_ok!(Funding::close_credit_line(RuntimeOrigin::signed(LENDER), BUYER));
		assert_eq!(
			CreditLines::<Test>::get(BUYER, LENDER),
			Some(CreditLine {
				asset: NATIVE,
				limit: 50,
				debt: 60,
				open: false,
				deposit: LINK_DEPOSIT
			})
		);
		assert_ok!(Funding::repay(RuntimeOrigin::signed(BUYER), LENDER, 60));
		assert_eq!(CreditLines::<Test>::get(BUYER, LENDER), None, "repaid and closed: removed");
		assert_eq!(LenderCount::<Test>::get(BUYER), 0);
		assert_eq!((free(LENDER), held(LENDER)), (1_000, 0), "repaid, deposit released");
	});
}

#[test]
fn a_refund_repays_the_lender_first() {
	ExtBuilder::default().build_and_execute(|| {
		link(LINKED, 100);
		lend(LENDER, 500);
		assert_ok!(cover(4, 250)); // 100 from LINKED, 150 on credit
		let weight = close(4, 200); // 200 of the hold released to the buyer
		assert_eq!(weight, <() as crate::WeightInfo>::on_close(), "draws to repay: full weight");
		assert_eq!(debt(LENDER), 0);
		assert_eq!(free(LENDER), 1_000 - LINK_DEPOSIT);
		assert_eq!(free(BUYER), 100 + 250 - 150);
		assert!(funding_events().contains(&Event::CreditRepaid {
			borrower: BUYER,
			lender: LENDER,
			asset: NATIVE,
			amount: 150,
			settlement: Some(4),
			debt: 0
		}));
		assert_eq!(Draws::<Test>::get(4), None);
		assert_eq!(close(4, 200), one_read(), "no draws");
		// A partial release repays only what it can.
		assert_ok!(cover(5, 120));
		close(5, 30);
		assert_eq!(debt(LENDER), 120 - 30, "30 of the 120 drawn repaid from the release");
	});
}

#[test]
fn a_closed_line_repaid_from_a_refund_goes_with_its_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		lend(LENDER, 500);
		assert_ok!(cover(1, 100));
		assert_ok!(Funding::close_credit_line(RuntimeOrigin::signed(LENDER), BUYER));
		close(1, 100);
		assert_eq!(CreditLines::<Test>::get(BUYER, LENDER), None);
		assert_eq!(LenderCount::<Test>::get(BUYER), 0);
		assert_eq!((free(LENDER), held(LENDER)), (1_000, 0));
	});
}

#[test]
fn limits_on_counts_and_self_funding() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Funding::approve_top_up(RuntimeOrigin::signed(BUYER), BUYER, NATIVE, 10),
			Error::<Test>::OwnAccount
		);
		assert_noop!(
			Funding::open_credit_line(RuntimeOrigin::signed(BUYER), BUYER, NATIVE, 10),
			Error::<Test>::OwnAccount
		);
		assert_noop!(
			Funding::open_credit_line(RuntimeOrigin::signed(LENDER), BUYER, NATIVE, 0),
			Error::<Test>::ZeroAmount
		);
		link(LINKED, 10);
		link(LINKED2, 10);
		assert_ok!(Funding::approve_top_up(RuntimeOrigin::signed(EVE), BUYER, NATIVE, 10));
		assert_noop!(
			Funding::accept_top_up(RuntimeOrigin::signed(BUYER), EVE, NATIVE, 10),
			Error::<Test>::TooManyLinked
		);
		lend(LENDER, 10);
		lend(SMALL_LENDER, 10);
		assert_ok!(Funding::open_credit_line(RuntimeOrigin::signed(EVE), BUYER, NATIVE, 10));
		assert_noop!(
			Funding::accept_credit_line(RuntimeOrigin::signed(BUYER), EVE, NATIVE, 10),
			Error::<Test>::TooManyLenders
		);
		assert_noop!(
			Funding::close_credit_line(RuntimeOrigin::signed(LINKED), BUYER),
			Error::<Test>::NoCreditLine
		);
		assert_noop!(
			Funding::approve_top_up(RuntimeOrigin::none(), BUYER, NATIVE, 10),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Funding::accept_top_up(RuntimeOrigin::none(), EVE, NATIVE, 10),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Funding::remove_link(RuntimeOrigin::none(), EVE, Source::Linked),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Funding::decline_offer(RuntimeOrigin::none(), EVE, Source::Linked),
			DispatchError::BadOrigin
		);
	});
}

// Attacks on the pallet before offers and acceptance: each of these tests failed there.

#[test]
fn attack_a_stranger_cannot_put_debt_on_a_buyer() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Funding::open_credit_line(RuntimeOrigin::signed(EVE), BUYER, NATIVE, 500));
		assert_ok!(Funding::approve_top_up(RuntimeOrigin::signed(SMALL_LENDER), BUYER, NATIVE, 30));
		// Neither was accepted: nothing is drawn, no debt, no slot taken.
		assert_noop!(cover(1, 100), Error::<Test>::ShortfallNotCovered);
		assert_eq!(CreditLines::<Test>::get(BUYER, EVE), None);
		assert_eq!(LenderCount::<Test>::get(BUYER), 0);
		assert_eq!(LinkedCount::<Test>::get(BUYER), 0);
		assert_eq!(free(BUYER), 100);
		assert_eq!(
			CreditOffers::<Test>::get(BUYER, EVE),
			Some(Offer { asset: NATIVE, limit: 500, deposit: LINK_DEPOSIT })
		);
		assert_eq!(
			TopUpOffers::<Test>::get(BUYER, SMALL_LENDER),
			Some(Offer { asset: NATIVE, limit: 30, deposit: LINK_DEPOSIT })
		);
		assert!(funding_events().contains(&Event::Offered {
			buyer: BUYER,
			creator: EVE,
			kind: Source::Credit,
			asset: NATIVE,
			limit: 500
		}));
		// The buyer declines; the deposit goes back.
		assert_ok!(Funding::decline_offer(RuntimeOrigin::signed(BUYER), EVE, Source::Credit));
		assert_eq!(
			funding_events().last(),
			Some(&Event::OfferDeclined { buyer: BUYER, creator: EVE, kind: Source::Credit })
		);
		assert_eq!((free(EVE), held(EVE)), (1_000, 0));
		assert_eq!(CreditOffers::<Test>::get(BUYER, EVE), None);
		assert_noop!(
			Funding::decline_offer(RuntimeOrigin::signed(BUYER), EVE, Source::Credit),
			Error::<Test>::NoOffer
		);
		assert_noop!(
			Funding::decline_offer(RuntimeOrigin::signed(BUYER), SMALL_LENDER, Source::Credit),
			Error::<Test>::NoOffer
		);
		assert_ok!(Funding::decline_offer(
			RuntimeOrigin::signed(BUYER),
			SMALL_LENDER,
			Source::Linked
		));
	});
}

#[test]
fn attack_strangers_cannot_fill_the_buyers_slots() {
	ExtBuilder::default().build_and_execute(|| {
		for stranger in [EVE, SMALL_LENDER] {
			assert_ok!(Funding::approve_top_up(RuntimeOrigin::signed(stranger), BUYER, NATIVE, 10));
			assert_ok!(Funding::open_credit_line(
				RuntimeOrigin::signed(stranger),
				BUYER,
				NATIVE,
				10
			));
		}
		// The buyer's real linked account and lender are not refused.
		assert_ok!(Funding::approve_top_up(RuntimeOrigin::signed(LINKED), BUYER, NATIVE, 10));
		assert_ok!(Funding::open_credit_line(RuntimeOrigin::signed(LENDER), BUYER, NATIVE, 10));
		assert_ok!(Funding::accept_top_up(RuntimeOrigin::signed(BUYER), LINKED, NATIVE, 10));
		assert_ok!(Funding::accept_credit_line(RuntimeOrigin::signed(BUYER), LENDER, NATIVE, 10));
		assert_eq!(LinkedCount::<Test>::get(BUYER), 1);
		assert_eq!(LenderCount::<Test>::get(BUYER), 1);
		assert!(funding_events().contains(&Event::OfferAccepted {
			buyer: BUYER,
			creator: LENDER,
			kind: Source::Credit,
			asset: NATIVE,
			limit: 10
		}));
	});
}

#[test]
fn attack_a_link_costs_its_creator_a_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Funding::open_credit_line(RuntimeOrigin::signed(EVE), BUYER, NATIVE, 500));
		assert_eq!(free(EVE), 1_000 - LINK_DEPOSIT);
		assert_eq!(held(EVE), LINK_DEPOSIT);
		// Changing the offer holds nothing more; accepting moves the deposit to the line.
		assert_ok!(Funding::open_credit_line(RuntimeOrigin::signed(EVE), BUYER, NATIVE, 400));
		assert_eq!(held(EVE), LINK_DEPOSIT);
		assert_ok!(Funding::accept_credit_line(RuntimeOrigin::signed(BUYER), EVE, NATIVE, 400));
		assert_eq!(held(EVE), LINK_DEPOSIT);
		assert_eq!(CreditLines::<Test>::get(BUYER, EVE).map(|l| l.deposit), Some(LINK_DEPOSIT));
		// One deposit per offer or link.
		assert_ok!(Funding::approve_top_up(RuntimeOrigin::signed(EVE), BUYER, NATIVE, 50));
		assert_eq!(held(EVE), 2 * LINK_DEPOSIT);
		assert_ok!(Funding::accept_top_up(RuntimeOrigin::signed(BUYER), EVE, NATIVE, 50));
		assert_eq!(held(EVE), 2 * LINK_DEPOSIT);
		// Removing a link releases its deposit.
		assert_ok!(Funding::remove_link(RuntimeOrigin::signed(BUYER), EVE, Source::Credit));
		assert_eq!(
			funding_events().last(),
			Some(&Event::LinkRemoved { buyer: BUYER, creator: EVE, kind: Source::Credit })
		);
		assert_eq!(held(EVE), LINK_DEPOSIT);
		assert_eq!(LenderCount::<Test>::get(BUYER), 0);
		assert_ok!(Funding::remove_link(RuntimeOrigin::signed(BUYER), EVE, Source::Linked));
		assert_eq!((free(EVE), held(EVE)), (1_000, 0));
		assert_eq!(LinkedCount::<Test>::get(BUYER), 0);
		assert_noop!(
			Funding::remove_link(RuntimeOrigin::signed(BUYER), EVE, Source::Linked),
			Error::<Test>::NotLinked
		);
		assert_noop!(
			Funding::remove_link(RuntimeOrigin::signed(BUYER), EVE, Source::Credit),
			Error::<Test>::NoCreditLine
		);
		// An account that cannot hold the deposit cannot offer.
		assert_ok!(Balances::transfer_allow_death(RuntimeOrigin::signed(EVE), 77, ED + 2));
		assert_noop!(
			Funding::approve_top_up(RuntimeOrigin::signed(77), BUYER, NATIVE, 10),
			Error::<Test>::CannotHoldDeposit
		);
	});
}

#[test]
fn a_credit_line_with_debt_cannot_be_removed() {
	ExtBuilder::default().build_and_execute(|| {
		lend(LENDER, 500);
		assert_ok!(cover(1, 100));
		assert_noop!(
			Funding::remove_link(RuntimeOrigin::signed(BUYER), LENDER, Source::Credit),
			Error::<Test>::DebtOutstanding
		);
		assert_ok!(Funding::repay(RuntimeOrigin::signed(BUYER), LENDER, 100));
		assert_ok!(Funding::remove_link(RuntimeOrigin::signed(BUYER), LENDER, Source::Credit));
		assert_eq!((free(LENDER), held(LENDER)), (1_000, 0));
		// The settlement's record no longer finds the line: nothing is repaid twice.
		close(1, 100);
		assert_eq!(free(LENDER), 1_000);
	});
}

#[test]
fn attack_a_raised_credit_limit_is_not_drawn_before_acceptance() {
	ExtBuilder::default().build_and_execute(|| {
		lend(LENDER, 100);
		// The lender raises the limit the borrower agreed to: only an offer.
		assert_ok!(Funding::open_credit_line(RuntimeOrigin::signed(LENDER), BUYER, NATIVE, 900));
		assert_eq!(CreditLines::<Test>::get(BUYER, LENDER).map(|l| l.limit), Some(100));
		assert_noop!(cover(1, 500), Error::<Test>::ShortfallNotCovered);
		assert_eq!(held(LENDER), 2 * LINK_DEPOSIT, "the line's and the offer's");
		// Accepting names the limit: a changed offer is not accepted.
		assert_noop!(
			Funding::accept_credit_line(RuntimeOrigin::signed(BUYER), LENDER, NATIVE, 100),
			Error::<Test>::OfferChanged
		);
		assert_ok!(Funding::accept_credit_line(RuntimeOrigin::signed(BUYER), LENDER, NATIVE, 900));
		assert_eq!(CreditLines::<Test>::get(BUYER, LENDER).map(|l| l.limit), Some(900));
		assert_eq!(held(LENDER), LINK_DEPOSIT, "the offer's deposit released");
		assert_noop!(
			Funding::accept_credit_line(RuntimeOrigin::signed(BUYER), LENDER, NATIVE, 900),
			Error::<Test>::NoOffer
		);
		// Lowering takes effect at once and withdraws a pending raise.
		assert_ok!(Funding::open_credit_line(RuntimeOrigin::signed(LENDER), BUYER, NATIVE, 2_000));
		assert_ok!(Funding::open_credit_line(RuntimeOrigin::signed(LENDER), BUYER, NATIVE, 300));
		assert_eq!(CreditLines::<Test>::get(BUYER, LENDER).map(|l| l.limit), Some(300));
		assert_eq!(CreditOffers::<Test>::get(BUYER, LENDER), None);
		assert!(funding_events().contains(&Event::OfferWithdrawn {
			buyer: BUYER,
			creator: LENDER,
			kind: Source::Credit
		}));
		assert_eq!(held(LENDER), LINK_DEPOSIT);
	});
}

#[test]
fn a_changed_top_up_offer_is_not_accepted_and_a_raise_waits_for_acceptance() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Funding::accept_top_up(RuntimeOrigin::signed(BUYER), LINKED, NATIVE, 100),
			Error::<Test>::NoOffer
		);
		assert_ok!(Funding::approve_top_up(RuntimeOrigin::signed(LINKED), BUYER, NATIVE, 100));
		assert_ok!(Funding::approve_top_up(RuntimeOrigin::signed(LINKED), BUYER, NATIVE, 200));
		assert_noop!(
			Funding::accept_top_up(RuntimeOrigin::signed(BUYER), LINKED, NATIVE, 100),
			Error::<Test>::OfferChanged
		);
		assert_ok!(Funding::accept_top_up(RuntimeOrigin::signed(BUYER), LINKED, NATIVE, 200));
		assert_ok!(cover(1, 200));
		// A refill of the spent link is an offer until the buyer accepts it.
		assert_ok!(Funding::approve_top_up(RuntimeOrigin::signed(LINKED), BUYER, NATIVE, 50));
		assert_eq!(Allowances::<Test>::get(BUYER, LINKED).map(|l| l.limit), Some(0));
		assert_noop!(cover(2, 1), Error::<Test>::ShortfallNotCovered);
		assert_ok!(Funding::accept_top_up(RuntimeOrigin::signed(BUYER), LINKED, NATIVE, 50));
		assert_eq!(
			Allowances::<Test>::get(BUYER, LINKED),
			Some(TopUp { asset: NATIVE, limit: 50, deposit: LINK_DEPOSIT })
		);
		assert_eq!(held(LINKED), LINK_DEPOSIT);
		// Revoking with a raise pending removes link and offer, releasing both deposits.
		assert_ok!(Funding::approve_top_up(RuntimeOrigin::signed(LINKED), BUYER, NATIVE, 80));
		assert_eq!(held(LINKED), 2 * LINK_DEPOSIT);
		assert_ok!(Funding::approve_top_up(RuntimeOrigin::signed(LINKED), BUYER, NATIVE, 0));
		assert_eq!(held(LINKED), 0);
		assert_eq!(Allowances::<Test>::get(BUYER, LINKED), None);
		assert_eq!(TopUpOffers::<Test>::get(BUYER, LINKED), None);
		// Revoking an offer alone.
		assert_ok!(Funding::approve_top_up(RuntimeOrigin::signed(LINKED), BUYER, NATIVE, 80));
		assert_ok!(Funding::approve_top_up(RuntimeOrigin::signed(LINKED), BUYER, NATIVE, 0));
		assert_eq!(
			funding_events().last(),
			Some(&Event::OfferWithdrawn { buyer: BUYER, creator: LINKED, kind: Source::Linked })
		);
		assert_eq!((free(LINKED), held(LINKED)), (1_000 - 200, 0));
	});
}

#[test]
fn a_closed_line_is_reopened_only_by_an_accepted_offer() {
	ExtBuilder::default().build_and_execute(|| {
		lend(LENDER, 100);
		assert_ok!(cover(1, 60));
		assert_ok!(Funding::close_credit_line(RuntimeOrigin::signed(LENDER), BUYER));
		// Not even the old limit reopens it without the borrower.
		assert_ok!(Funding::open_credit_line(RuntimeOrigin::signed(LENDER), BUYER, NATIVE, 100));
		assert_noop!(cover(2, 10), Error::<Test>::ShortfallNotCovered);
		// Closing again withdraws the offer; the line stays for its debt.
		assert_ok!(Funding::close_credit_line(RuntimeOrigin::signed(LENDER), BUYER));
		assert_eq!(CreditOffers::<Test>::get(BUYER, LENDER), None);
		assert_eq!(held(LENDER), LINK_DEPOSIT);
		assert_ok!(Funding::open_credit_line(RuntimeOrigin::signed(LENDER), BUYER, NATIVE, 100));
		assert_ok!(Funding::accept_credit_line(RuntimeOrigin::signed(BUYER), LENDER, NATIVE, 100));
		assert_eq!(
			CreditLines::<Test>::get(BUYER, LENDER),
			Some(CreditLine {
				asset: NATIVE,
				limit: 100,
				debt: 60,
				open: true,
				deposit: LINK_DEPOSIT
			})
		);
		assert_ok!(cover(2, 40));
		// A lender's offer alone is withdrawn by closing.
		assert_ok!(Funding::open_credit_line(RuntimeOrigin::signed(EVE), BUYER, NATIVE, 100));
		assert_ok!(Funding::close_credit_line(RuntimeOrigin::signed(EVE), BUYER));
		assert_eq!((free(EVE), held(EVE)), (1_000, 0));
	});
}

#[test]
fn attack_an_account_both_linked_and_lender_is_counted_once() {
	ExtBuilder::default().build_and_execute(|| {
		link(EVE, 600);
		lend(EVE, 600);
		// EVE can give 980 in all (1000, less two deposits and ED), not 1200: nothing moves.
		assert_noop!(cover(1, 1_200), Error::<Test>::ShortfallNotCovered);
		assert_noop!(cover(1, 981), Error::<Test>::ShortfallNotCovered);
		assert_ok!(cover(1, 980));
		assert_eq!(debt(EVE), 380);
		assert_eq!(free(EVE), ED);
	});
}

#[test]
fn attack_cover_leaves_nothing_behind_when_a_later_draw_fails() {
	ExtBuilder::default().build_and_execute(|| {
		link(LINKED, 100);
		link(LINKED2, 100);
		lend(LENDER, 100);
		lend(SMALL_LENDER, 100);
		assert_ok!(cover(1, 335)); // four draws: MaxDraws
		assert_ok!(Funding::remove_link(RuntimeOrigin::signed(BUYER), LINKED, Source::Linked));
		link(EVE, 100);
		// EVE's transfer is made before the fifth draw fails to record: it is undone.
		assert_noop!(cover(1, 50), Error::<Test>::TooManyDraws);
		assert_eq!(free(EVE), 1_000 - LINK_DEPOSIT);
	});
}

#[test]
fn attack_a_release_before_the_close_repays_credit_first() {
	ExtBuilder::default().build_and_execute(|| {
		lend(LENDER, 500);
		assert_ok!(cover(1, 100));
		assert_ok!(cover(2, 50));
		assert_eq!(debt(LENDER), 150);
		let weight = release(1, 99);
		assert!(weight.all_lte(<() as crate::WeightInfo>::on_close()));
		assert_eq!(debt(LENDER), 51, "99 of settlement 1's credit repaid");
		assert_eq!(free(LENDER), 1_000 - LINK_DEPOSIT - 150 + 99);
		assert!(funding_events().contains(&Event::CreditRepaid {
			borrower: BUYER,
			lender: LENDER,
			asset: NATIVE,
			amount: 99,
			settlement: Some(1),
			debt: 51
		}));
		assert_eq!(
			Draws::<Test>::get(1).unwrap().into_inner(),
			vec![Draw { from: LENDER, source: Source::Credit, amount: 1 }]
		);
		close(1, 100);
		assert_eq!(debt(LENDER), 50, "the close repays the 1 left and no more");
		assert_eq!(Draws::<Test>::get(1), None);
		assert_eq!(release(1, 10), one_read(), "no draws");
	});
}

#[test]
fn a_release_keeps_top_ups_and_drops_repaid_credit() {
	ExtBuilder::default().build_and_execute(|| {
		link(LINKED, 100);
		lend(LENDER, 500);
		assert_ok!(cover(1, 150)); // 100 topped up, 50 on credit
		release(1, 80);
		assert_eq!(debt(LENDER), 0);
		assert_eq!(
			Draws::<Test>::get(1).unwrap().into_inner(),
			vec![Draw { from: LINKED, source: Source::Linked, amount: 100 }],
			"top-ups are not repaid; repaid credit is no longer recorded"
		);
		assert_eq!(free(LINKED), 1_000 - LINK_DEPOSIT - 100);
		// Credit only, all repaid: the record goes.
		assert_ok!(cover(2, 100));
		release(2, 100);
		assert_eq!(Draws::<Test>::get(2), None);
	});
}

// Links in an asset: the native token or the dollar stablecoin.

#[test]
fn a_link_is_drawn_only_for_settlements_in_its_asset() {
	ExtBuilder::default().build_and_execute(|| {
		link_in(LINKED, USD, 300);
		link_in(LINKED2, NATIVE, 200);
		assert_eq!(
			Allowances::<Test>::get(BUYER, LINKED),
			Some(TopUp { asset: USD, limit: 300, deposit: LINK_DEPOSIT })
		);
		// A dollar settlement draws dollars from the dollar link only.
		assert_ok!(cover_in(USD, 1, 250));
		assert_eq!((dollars(BUYER), dollars(LINKED)), (350, 750));
		assert_eq!(free(LINKED), 1_000 - LINK_DEPOSIT, "its deposit is native; no native drawn");
		assert_eq!(free(LINKED2), 1_000 - LINK_DEPOSIT);
		assert_eq!(
			Draws::<Test>::get(1).unwrap().into_inner(),
			vec![Draw { from: LINKED, source: Source::Linked, amount: 250 }]
		);
		assert!(funding_events().contains(&Event::ToppedUp {
			settlement: 1,
			buyer: BUYER,
			from: LINKED,
			asset: USD,
			amount: 250
		}));
		// 50 dollars left on it; the native link is never drawn for dollars.
		assert_noop!(cover_in(USD, 2, 51), Error::<Test>::ShortfallNotCovered);
		// A native settlement draws from the native link only.
		assert_ok!(cover_in(NATIVE, 3, 200));
		assert_eq!(free(LINKED2), 1_000 - LINK_DEPOSIT - 200);
		assert_eq!(dollars(LINKED), 750);
		assert_eq!(dollars(LINKED2), 1_000);
		assert_eq!(Allowances::<Test>::get(BUYER, LINKED).map(|l| l.limit), Some(50));
		// The dollar link's 50 are not drawn for a native settlement.
		assert_noop!(cover_in(NATIVE, 4, 1), Error::<Test>::ShortfallNotCovered);
		assert_ok!(cover_in(USD, 2, 50));
	});
}

#[test]
fn a_credit_line_in_dollars_is_drawn_owed_and_repaid_in_dollars() {
	ExtBuilder::default().build_and_execute(|| {
		lend_in(LENDER, USD, 500);
		lend(SMALL_LENDER, 500);
		assert!(funding_events().contains(&Event::OfferAccepted {
			buyer: BUYER,
			creator: LENDER,
			kind: Source::Credit,
			asset: USD,
			limit: 500
		}));
		assert_ok!(cover_in(USD, 1, 200));
		assert_eq!(debt(LENDER), 200);
		assert_eq!(debt(SMALL_LENDER), 0, "the native line is not drawn for dollars");
		assert_eq!((dollars(BUYER), dollars(LENDER)), (300, 800));
		assert_eq!(free(LENDER), 1_000 - LINK_DEPOSIT);
		assert!(funding_events().contains(&Event::CreditDrawn {
			settlement: 1,
			borrower: BUYER,
			lender: LENDER,
			asset: USD,
			amount: 200,
			debt: 200
		}));
		// The borrower repays in dollars.
		assert_ok!(Funding::repay(RuntimeOrigin::signed(BUYER), LENDER, 150));
		assert_eq!(debt(LENDER), 50);
		assert_eq!((dollars(BUYER), dollars(LENDER)), (150, 950));
		assert_eq!((free(BUYER), free(LENDER)), (100, 1_000 - LINK_DEPOSIT));
		assert_eq!(
			funding_events().last(),
			Some(&Event::CreditRepaid {
				borrower: BUYER,
				lender: LENDER,
				asset: USD,
				amount: 150,
				settlement: None,
				debt: 50
			})
		);
		// Closing the line tells its asset with its debt.
		assert_ok!(Funding::close_credit_line(RuntimeOrigin::signed(LENDER), BUYER));
		assert_eq!(
			funding_events().last(),
			Some(&Event::CreditLineClosed {
				lender: LENDER,
				borrower: BUYER,
				asset: USD,
				debt: 50
			})
		);
		// The settlement's release repays the rest, in dollars; the closed line goes.
		release_in(USD, 1, 50);
		assert_eq!(CreditLines::<Test>::get(BUYER, LENDER), None);
		assert_eq!((dollars(BUYER), dollars(LENDER)), (100, 1_000));
		assert_eq!((free(LENDER), held(LENDER)), (1_000, 0));
		assert!(funding_events().contains(&Event::CreditRepaid {
			borrower: BUYER,
			lender: LENDER,
			asset: USD,
			amount: 50,
			settlement: Some(1),
			debt: 0
		}));
	});
}

#[test]
fn a_dollar_lender_keeps_its_minimum_balance_and_its_deposit_stays_native() {
	ExtBuilder::default().build_and_execute(|| {
		// SMALL_LENDER has 50 dollars and 50 native, 5 of them held as the deposit: it can
		// give 45 dollars and stay alive.
		lend_in(SMALL_LENDER, USD, 500);
		assert_eq!((free(SMALL_LENDER), held(SMALL_LENDER)), (50 - LINK_DEPOSIT, LINK_DEPOSIT));
		assert_noop!(cover_in(USD, 1, 46), Error::<Test>::ShortfallNotCovered);
		assert_ok!(cover_in(USD, 1, 45));
		assert_eq!(dollars(SMALL_LENDER), USD_MIN);
		assert_eq!(free(SMALL_LENDER), 50 - LINK_DEPOSIT);
	});
}

#[test]
fn a_top_up_link_switches_asset_on_an_accepted_offer() {
	ExtBuilder::default().build_and_execute(|| {
		link(LINKED, 100);
		assert_ok!(cover(1, 30));
		// A limit in another asset is an offer, even a lower one: the link stands.
		assert_ok!(Funding::approve_top_up(RuntimeOrigin::signed(LINKED), BUYER, USD, 50));
		assert_eq!(
			Allowances::<Test>::get(BUYER, LINKED),
			Some(TopUp { asset: NATIVE, limit: 70, deposit: LINK_DEPOSIT })
		);
		assert_eq!(
			TopUpOffers::<Test>::get(BUYER, LINKED),
			Some(Offer { asset: USD, limit: 50, deposit: LINK_DEPOSIT })
		);
		assert_eq!(
			funding_events().last(),
			Some(&Event::Offered {
				buyer: BUYER,
				creator: LINKED,
				kind: Source::Linked,
				asset: USD,
				limit: 50
			})
		);
		// Accepting names the asset: the native one is not what is offered.
		assert_noop!(
			Funding::accept_top_up(RuntimeOrigin::signed(BUYER), LINKED, NATIVE, 50),
			Error::<Test>::OfferChanged
		);
		assert_ok!(Funding::accept_top_up(RuntimeOrigin::signed(BUYER), LINKED, USD, 50));
		assert_eq!(
			Allowances::<Test>::get(BUYER, LINKED),
			Some(TopUp { asset: USD, limit: 50, deposit: LINK_DEPOSIT })
		);
		assert_eq!(held(LINKED), LINK_DEPOSIT, "the offer's deposit released");
		assert_eq!(LinkedCount::<Test>::get(BUYER), 1);
		assert_noop!(cover(2, 1), Error::<Test>::ShortfallNotCovered);
		assert_ok!(cover_in(USD, 2, 50));
		// An offer whose asset changed since is not accepted.
		assert_ok!(Funding::approve_top_up(RuntimeOrigin::signed(LINKED), BUYER, USD, 80));
		assert_ok!(Funding::approve_top_up(RuntimeOrigin::signed(LINKED), BUYER, NATIVE, 80));
		assert_eq!(
			TopUpOffers::<Test>::get(BUYER, LINKED),
			Some(Offer { asset: NATIVE, limit: 80, deposit: LINK_DEPOSIT })
		);
		assert_noop!(
			Funding::accept_top_up(RuntimeOrigin::signed(BUYER), LINKED, USD, 80),
			Error::<Test>::OfferChanged
		);
		// Zero revokes link and offer, whatever the asset named.
		assert_ok!(Funding::approve_top_up(RuntimeOrigin::signed(LINKED), BUYER, UNKNOWN, 0));
		assert_eq!(Allowances::<Test>::get(BUYER, LINKED), None);
		assert_eq!(TopUpOffers::<Test>::get(BUYER, LINKED), None);
		assert_eq!(held(LINKED), 0);
	});
}

#[test]
fn a_limit_is_lowered_at_once_only_in_the_links_asset() {
	ExtBuilder::default().build_and_execute(|| {
		link_in(LINKED, USD, 100);
		assert_ok!(Funding::approve_top_up(RuntimeOrigin::signed(LINKED), BUYER, NATIVE, 40));
		assert_eq!(
			Allowances::<Test>::get(BUYER, LINKED).map(|l| (l.asset, l.limit)),
			Some((USD, 100))
		);
		assert_ok!(Funding::approve_top_up(RuntimeOrigin::signed(LINKED), BUYER, USD, 40));
		assert_eq!(
			Allowances::<Test>::get(BUYER, LINKED).map(|l| (l.asset, l.limit)),
			Some((USD, 40))
		);
		assert_eq!(TopUpOffers::<Test>::get(BUYER, LINKED), None, "the native offer withdrawn");
		assert_eq!(
			funding_events().last(),
			Some(&Event::LimitLowered {
				buyer: BUYER,
				creator: LINKED,
				kind: Source::Linked,
				asset: USD,
				limit: 40
			})
		);
		lend_in(LENDER, USD, 100);
		assert_ok!(Funding::open_credit_line(RuntimeOrigin::signed(LENDER), BUYER, NATIVE, 40));
		assert_eq!(
			CreditLines::<Test>::get(BUYER, LENDER).map(|l| (l.asset, l.limit)),
			Some((USD, 100))
		);
		assert_eq!(CreditOffers::<Test>::get(BUYER, LENDER).map(|o| o.asset), Some(NATIVE));
		assert_ok!(Funding::open_credit_line(RuntimeOrigin::signed(LENDER), BUYER, USD, 40));
		assert_eq!(
			CreditLines::<Test>::get(BUYER, LENDER).map(|l| (l.asset, l.limit)),
			Some((USD, 40))
		);
		assert_eq!(CreditOffers::<Test>::get(BUYER, LENDER), None);
		assert_eq!(
			funding_events().last(),
			Some(&Event::LimitLowered {
				buyer: BUYER,
				creator: LENDER,
				kind: Source::Credit,
				asset: USD,
				limit: 40
			})
		);
		assert_eq!((held(LINKED), held(LENDER)), (LINK_DEPOSIT, LINK_DEPOSIT));
	});
}

#[test]
fn a_credit_line_switches_asset_only_without_debt() {
	ExtBuilder::default().build_and_execute(|| {
		lend(LENDER, 100);
		assert_ok!(cover(1, 60));
		// The lender may offer dollars; the borrower cannot accept while it owes.
		assert_ok!(Funding::open_credit_line(RuntimeOrigin::signed(LENDER), BUYER, USD, 100));
		assert_noop!(
			Funding::accept_credit_line(RuntimeOrigin::signed(BUYER), LENDER, USD, 100),
			Error::<Test>::DebtOutstanding
		);
		assert_eq!(
			CreditLines::<Test>::get(BUYER, LENDER),
			Some(CreditLine {
				asset: NATIVE,
				limit: 100,
				debt: 60,
				open: true,
				deposit: LINK_DEPOSIT
			})
		);
		// Repaid (in the native token), the switch is accepted; the offer's deposit goes back.
		assert_ok!(Funding::repay(RuntimeOrigin::signed(BUYER), LENDER, 60));
		assert_ok!(Funding::accept_credit_line(RuntimeOrigin::signed(BUYER), LENDER, USD, 100));
		assert_eq!(
			CreditLines::<Test>::get(BUYER, LENDER),
			Some(CreditLine { asset: USD, limit: 100, debt: 0, open: true, deposit: LINK_DEPOSIT })
		);
		assert_eq!((free(LENDER), held(LENDER)), (1_000 - LINK_DEPOSIT, LINK_DEPOSIT));
		assert_eq!(LenderCount::<Test>::get(BUYER), 1);
		assert_noop!(cover(2, 1), Error::<Test>::ShortfallNotCovered);
		assert_ok!(cover_in(USD, 2, 40));
		assert_eq!(debt(LENDER), 40);
		// Settlement 1 (native) closes: its credit was repaid, and the line now owes dollars,
		// which a native release does not repay.
		assert_eq!(Draws::<Test>::get(1).map(|d| d.len()), Some(1));
		close(1, 60);
		assert_eq!(debt(LENDER), 40);
		assert_eq!((free(BUYER), dollars(LENDER)), (100 + 60 - 60, 960));
		// Settlement 2 (dollars) closes and repays its dollars.
		close_in(USD, 2, 40);
		assert_eq!(debt(LENDER), 0);
		assert_eq!(dollars(LENDER), 1_000);
		// A closed line with debt keeps its asset until repaid; a switch offer waits.
		assert_ok!(cover_in(USD, 3, 10));
		assert_ok!(Funding::close_credit_line(RuntimeOrigin::signed(LENDER), BUYER));
		assert_ok!(Funding::open_credit_line(RuntimeOrigin::signed(LENDER), BUYER, NATIVE, 70));
		assert_noop!(
			Funding::accept_credit_line(RuntimeOrigin::signed(BUYER), LENDER, NATIVE, 70),
			Error::<Test>::DebtOutstanding
		);
		assert_ok!(Funding::repay(RuntimeOrigin::signed(BUYER), LENDER, 10));
		// Repaid and closed: the line went; the offer is accepted as a new line.
		assert_eq!(CreditLines::<Test>::get(BUYER, LENDER), None);
		assert_ok!(Funding::accept_credit_line(RuntimeOrigin::signed(BUYER), LENDER, NATIVE, 70));
		assert_eq!(
			CreditLines::<Test>::get(BUYER, LENDER),
			Some(CreditLine {
				asset: NATIVE,
				limit: 70,
				debt: 0,
				open: true,
				deposit: LINK_DEPOSIT
			})
		);
	});
}

#[test]
fn an_offer_must_name_an_asset_that_exists() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Funding::approve_top_up(RuntimeOrigin::signed(LINKED), BUYER, UNKNOWN, 10),
			Error::<Test>::UnknownAsset
		);
		assert_noop!(
			Funding::open_credit_line(RuntimeOrigin::signed(LENDER), BUYER, UNKNOWN, 10),
			Error::<Test>::UnknownAsset
		);
		// Nor may a pending offer be changed to one.
		assert_ok!(Funding::open_credit_line(RuntimeOrigin::signed(LENDER), BUYER, USD, 10));
		assert_noop!(
			Funding::open_credit_line(RuntimeOrigin::signed(LENDER), BUYER, UNKNOWN, 10),
			Error::<Test>::UnknownAsset
		);
		assert_eq!(held(LENDER), LINK_DEPOSIT);
	});
}

#[test]
fn a_repayment_that_cannot_be_made_stays_owed_and_is_told() {
	ExtBuilder::default().build_and_execute(|| {
		lend_in(LENDER, USD, 500);
		assert_ok!(cover_in(USD, 1, 200));
		// The stablecoin's issuer blocks the lender: nothing can be paid to it.
		assert_ok!(Assets::block(RuntimeOrigin::signed(EVE), USD_ID, LENDER));
		let before = (dollars(BUYER), dollars(LENDER));
		close_in(USD, 1, 200);
		assert_eq!(debt(LENDER), 200, "the debt stays on the line");
		assert_eq!((dollars(BUYER), dollars(LENDER)), before, "nothing moved");
		assert!(funding_events().iter().any(|e| matches!(
			e,
			Event::CreditRepaymentFailed {
				borrower: BUYER,
				lender: LENDER,
				asset,
				amount: 200,
				settlement: 1,
				debt: 200,
				..
			} if *asset == USD
		)));
		// Unblocked, the borrower repays it by a call.
		assert_ok!(Assets::thaw(RuntimeOrigin::signed(EVE), USD_ID, LENDER));
		assert_ok!(Funding::repay(RuntimeOrigin::signed(BUYER), LENDER, 200));
		assert_eq!(debt(LENDER), 0);
	});
}
