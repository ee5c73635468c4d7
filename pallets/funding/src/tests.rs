//! Tests of the funding pallet: each source alone and combined, limits, revocation, repayment,
//! refunds to the lender, and every error.

use crate::{mock::*, *};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::Inspect, Get},
	weights::{RuntimeDbWeight, Weight},
};
use pallet_escrow::FundingSource;
use sp_runtime::DispatchError;

fn free(who: AccountId) -> Balance {
	Balances::balance(&who)
}

fn cover(id: u64, shortfall: Balance) -> Result<(), DispatchError> {
	<Funding as FundingSource<AccountId, Balance>>::cover(id, &BUYER, shortfall)
}

fn close(id: u64, released: Balance) -> Weight {
	<Funding as FundingSource<AccountId, Balance>>::on_close(id, &BUYER, released)
}

fn approve(linked: AccountId, limit: Balance) {
	assert_ok!(Funding::approve_top_up(RuntimeOrigin::signed(linked), BUYER, limit));
}

fn lend(lender: AccountId, limit: Balance) {
	assert_ok!(Funding::open_credit_line(RuntimeOrigin::signed(lender), BUYER, limit));
}

fn debt(lender: AccountId) -> Balance {
	CreditLines::<Test>::get(BUYER, lender).map_or(0, |l| l.debt)
}

#[test]
fn a_linked_account_tops_up_within_its_allowance() {
	new_test_ext(|| {
		approve(LINKED, 300);
		assert_eq!(Allowances::<Test>::get(BUYER, LINKED), Some(300));
		assert_ok!(cover(7, 120));
		assert_eq!(free(BUYER), 220);
		assert_eq!(free(LINKED), 880);
		assert_eq!(Allowances::<Test>::get(BUYER, LINKED), Some(180));
		assert_eq!(
			Draws::<Test>::get(7).unwrap().into_inner(),
			vec![Draw { from: LINKED, source: Source::Linked, amount: 120 }]
		);
		assert!(funding_events().contains(&Event::ToppedUp {
			settlement: 7,
			buyer: BUYER,
			from: LINKED,
			amount: 120
		}));
		// Spending the whole allowance removes the approval.
		assert_ok!(cover(8, 180));
		assert_eq!(Allowances::<Test>::get(BUYER, LINKED), None);
		assert_eq!(LinkedCount::<Test>::get(BUYER), 0);
	});
}

#[test]
fn credit_is_drawn_as_debt_and_repaid_by_the_borrower() {
	new_test_ext(|| {
		lend(LENDER, 500);
		assert_ok!(cover(1, 200));
		assert_eq!(debt(LENDER), 200);
		assert_eq!(free(BUYER), 300);
		assert!(funding_events().contains(&Event::CreditDrawn {
			settlement: 1,
			borrower: BUYER,
			lender: LENDER,
			amount: 200,
			debt: 200
		}));
		close(1, 0); // paid out in full: nothing released, the debt stays
		assert_eq!(debt(LENDER), 200);
		assert_ok!(Funding::repay(RuntimeOrigin::signed(BUYER), LENDER, 150));
		assert_eq!(debt(LENDER), 50);
		assert_eq!(free(LENDER), 950);
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
	});
}

#[test]
fn linked_accounts_come_before_credit() {
	new_test_ext(|| {
		lend(LENDER, 500);
		approve(LINKED, 100);
		approve(LINKED2, 50);
		assert_ok!(cover(3, 230));
		assert_eq!(free(LINKED) + free(LINKED2), 2_000 - 150, "both linked accounts are spent");
		assert_eq!(debt(LENDER), 80, "credit covers the rest");
		let draws = Draws::<Test>::get(3).unwrap();
		assert_eq!(draws.len(), 3);
		assert_eq!(draws.last().map(|d| d.source), Some(Source::Credit));
	});
}

#[test]
fn nothing_is_drawn_unless_the_whole_shortfall_is_covered() {
	new_test_ext(|| {
		approve(LINKED, 100);
		lend(SMALL_LENDER, 500); // can give at most 40 and stay alive
		assert_noop!(cover(1, 141), Error::<Test>::ShortfallNotCovered);
		assert_ok!(cover(1, 140));
		assert_eq!(free(SMALL_LENDER), ED);
	});
}

#[test]
fn revoked_approvals_and_closed_lines_are_not_drawn() {
	new_test_ext(|| {
		approve(LINKED, 100);
		approve(LINKED, 0);
		assert_eq!(
			funding_events().last(),
			Some(&Event::TopUpApproved { linked: LINKED, buyer: BUYER, limit: 0 })
		);
		lend(LENDER, 100);
		assert_ok!(Funding::close_credit_line(RuntimeOrigin::signed(LENDER), BUYER));
		assert_eq!(CreditLines::<Test>::get(BUYER, LENDER), None, "no debt: removed");
		assert_noop!(cover(1, 10), Error::<Test>::ShortfallNotCovered);
		// Lowering a limit below what is owed keeps the debt but stops new draws.
		lend(LENDER, 100);
		assert_ok!(cover(2, 60));
		lend(LENDER, 50);
		assert_noop!(cover(3, 1), Error::<Test>::ShortfallNotCovered);
		assert_ok!(Funding::close_credit_line(RuntimeOrigin::signed(LENDER), BUYER));
		assert_eq!(
			CreditLines::<Test>::get(BUYER, LENDER),
			Some(CreditLine { limit: 50, debt: 60, open: false })
		);
		assert_ok!(Funding::repay(RuntimeOrigin::signed(BUYER), LENDER, 60));
		assert_eq!(CreditLines::<Test>::get(BUYER, LENDER), None, "repaid and closed: removed");
		assert_eq!(LenderCount::<Test>::get(BUYER), 0);
	});
}

#[test]
fn a_refund_repays_the_lender_first() {
	new_test_ext(|| {
		approve(LINKED, 100);
		lend(LENDER, 500);
		assert_ok!(cover(4, 250)); // 100 from LINKED, 150 on credit
		let weight = close(4, 200); // 200 of the hold released to the buyer
		assert_eq!(weight, <() as crate::WeightInfo>::on_close(), "draws to repay: full weight");
		assert_eq!(debt(LENDER), 0);
		assert_eq!(free(LENDER), 1_000);
		assert_eq!(free(BUYER), 100 + 250 - 150);
		assert!(funding_events().contains(&Event::CreditRepaid {
			borrower: BUYER,
			lender: LENDER,
			amount: 150,
			settlement: Some(4),
			debt: 0
		}));
		assert_eq!(Draws::<Test>::get(4), None);
		let weight = close(4, 200);
		let db: RuntimeDbWeight = <<Test as frame_system::Config>::DbWeight as Get<_>>::get();
		let one_read: Weight = db.reads(1);
		assert_eq!(weight, one_read, "no draws");
		// A partial release repays only what it can.
		assert_ok!(cover(5, 120));
		close(5, 30);
		assert_eq!(debt(LENDER), 120 - 30, "30 of the 120 drawn repaid from the release");
	});
}

#[test]
fn limits_on_counts_and_self_funding() {
	new_test_ext(|| {
		assert_noop!(
			Funding::approve_top_up(RuntimeOrigin::signed(BUYER), BUYER, 10),
			Error::<Test>::OwnAccount
		);
		assert_noop!(
			Funding::open_credit_line(RuntimeOrigin::signed(BUYER), BUYER, 10),
			Error::<Test>::OwnAccount
		);
		assert_noop!(
			Funding::open_credit_line(RuntimeOrigin::signed(LENDER), BUYER, 0),
			Error::<Test>::ZeroAmount
		);
		approve(LINKED, 10);
		approve(LINKED2, 10);
		assert_noop!(
			Funding::approve_top_up(RuntimeOrigin::signed(EVE), BUYER, 10),
			Error::<Test>::TooManyLinked
		);
		lend(LENDER, 10);
		lend(SMALL_LENDER, 10);
		assert_noop!(
			Funding::open_credit_line(RuntimeOrigin::signed(EVE), BUYER, 10),
			Error::<Test>::TooManyLenders
		);
		assert_noop!(
			Funding::close_credit_line(RuntimeOrigin::signed(EVE), BUYER),
			Error::<Test>::NoCreditLine
		);
		assert_noop!(
			Funding::approve_top_up(RuntimeOrigin::none(), BUYER, 10),
			DispatchError::BadOrigin
		);
	});
}
