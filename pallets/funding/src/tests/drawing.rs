//! Drawing on linked accounts and credit lines, and repaying credit from what a hold releases.

use super::*;

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
