//! Who acts for each side, and what both sides agreed: the buyer, and the store's owner and its
//! current payout account; deductions proposed and accepted at the amount the acceptor saw;
//! the store-side account behind each open proposal, so that what a replaced key proposed is
//! void; and sending an unpaid payout to the store's current payout account. The calls are in
//! `lib.rs`; their logic is here.

use crate::*;
use frame_support::pallet_prelude::*;
use sp_runtime::traits::Zero;

impl<T: Config> Pallet<T> {
	pub(crate) fn party_of(
		settlement: &SettlementOf<T>,
		who: &T::AccountId,
	) -> Result<Party, DispatchError> {
		if *who == settlement.buyer {
			Ok(Party::Buyer)
		} else if Self::acts_for_store(settlement, who) {
			Ok(Party::Payee)
		} else {
			Err(Error::<T>::NotParty.into())
		}
	}

	/// Whether `who` may act for the settlement's store: the store's owner or its current
	/// payout account, as the store directory knows them now. A payout account the store
	/// replaced acts for it no more, although the settlement still pays it: payouts go where
	/// the accepted settlement says.
	pub(crate) fn acts_for_store(settlement: &SettlementOf<T>, who: &T::AccountId) -> bool {
		T::Stores::acts_for(settlement.store, who)
	}

	/// Records who made the proposal of `kind` on settlement `id`: the account, when `by` is the
	/// store's side (so that it stands only while that account acts for the store); a buyer's
	/// proposal replaces the store's, and nothing is kept for it.
	pub(crate) fn note_proposer(
		id: SettlementId,
		kind: ProposalKind,
		by: Party,
		who: &T::AccountId,
	) {
		match by {
			Party::Payee => StoreProposers::<T>::insert((id, kind), who),
			Party::Buyer => StoreProposers::<T>::remove((id, kind)),
		}
	}

	/// Fails with [`Error::ProposalVoid`] if the open proposal of `kind` on `settlement` (number
	/// `id`), made by `by`, came from a store account that acts for the store no more: a payout
	/// account the store replaced. A proposal made before the proposer was recorded stands.
	pub(crate) fn ensure_proposal_stands(
		settlement: &SettlementOf<T>,
		id: SettlementId,
		kind: ProposalKind,
		by: Party,
	) -> DispatchResult {
		if by == Party::Payee {
			if let Some(proposer) = StoreProposers::<T>::get((id, kind)) {
				ensure!(Self::acts_for_store(settlement, &proposer), Error::<T>::ProposalVoid);
			}
		}
		Ok(())
	}

	pub(crate) fn do_propose_deduction(
		who: T::AccountId,
		id: SettlementId,
		payout: BalanceOf<T>,
	) -> DispatchResult {
		let mut settlement = Self::undisputed_settlement_of(id)?;
		let by = Self::party_of(&settlement, &who)?;
		ensure!(settlement.status != SettlementStatus::AwaitingAcceptance, Error::<T>::NotAccepted);
		ensure!(!payout.is_zero(), Error::<T>::ZeroAmount);
		ensure!(payout <= settlement.order_amount(), Error::<T>::NotADeduction);
		Self::ensure_can_receive(&settlement.asset, &settlement.payee, payout)?;

		settlement.proposal = Some(Proposal { payout, by });
		Settlements::<T>::insert(id, settlement);
		Self::note_proposer(id, ProposalKind::Deduction, by, &who);
		Self::deposit_event(Event::DeductionProposed { id, by, payout });
		Ok(())
	}

	pub(crate) fn do_accept_deduction(
		who: T::AccountId,
		id: SettlementId,
		payout: BalanceOf<T>,
	) -> DispatchResult {
		let mut settlement = Self::undisputed_settlement_of(id)?;
		let by = Self::party_of(&settlement, &who)?;
		let proposal = settlement.proposal.ok_or(Error::<T>::NoDeduction)?;
		ensure!(proposal.by != by, Error::<T>::OwnProposal);
		ensure!(proposal.payout == payout, Error::<T>::ProposalChanged);
		Self::ensure_proposal_stands(&settlement, id, ProposalKind::Deduction, proposal.by)?;
		// The order amount itself drops the deduction: the full amount is owed again.
		settlement.agreed_payout = (payout < settlement.order_amount()).then_some(payout);
		settlement.proposal = None;
		Settlements::<T>::insert(id, settlement);
		Self::deposit_event(Event::DeductionAgreed { id, payout });
		Ok(())
	}

	/// Sends the payout of open settlement `id` to its store's current payout account, for
	/// `who`, who acts for the store.
	pub(crate) fn do_follow_payout_account(who: T::AccountId, id: SettlementId) -> DispatchResult {
		let mut settlement = Self::open_settlement_of(id)?;
		ensure!(Self::acts_for_store(&settlement, &who), Error::<T>::NotPayee);
		let payee = T::Stores::payout_account(settlement.store).ok_or(Error::<T>::PayeeCurrent)?;
		ensure!(payee != settlement.payee, Error::<T>::PayeeCurrent);
		// What the store is owed must land in the new account, as it had to in the old.
		Self::ensure_can_receive(&settlement.asset, &payee, settlement.minimum_payout())?;
		settlement.payee = payee.clone();
		Settlements::<T>::insert(id, settlement);
		// The store side's record of the order follows, so that the payout completes it.
		T::Observer::on_payee_changed(id, &payee);
		Self::deposit_event(Event::PayeeFollowed { id, payee });
		Ok(())
	}
}
