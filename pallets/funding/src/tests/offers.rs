//! Offers and acceptance: nothing is drawn, owed or held that the buyer did not accept.

use super::*;

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
