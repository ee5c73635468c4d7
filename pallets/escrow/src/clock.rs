//! One clock: a settlement's ship-by limit before shipping, its deadline after, and the pause
//! allowance that every question about it (a dispute, a refund request, a return) draws on,
//! once before shipping and once after. See "Rules: one clock" in the crate docs.

use crate::*;
use frame_support::pallet_prelude::*;
use frame_system::pallet_prelude::*;
use sp_runtime::traits::{One, Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// This chain's pause allowance: set at genesis, else [`Config::PauseAllowance`].
	pub fn pause_allowance() -> BlockNumberFor<T> {
		ChainPauseAllowance::<T>::get().unwrap_or_else(T::PauseAllowance::get)
	}

	/// What is left of settlement `s`'s pause allowance (of the one before shipping, until it
	/// ships).
	pub fn pause_left(s: &SettlementOf<T>) -> BlockNumberFor<T> {
		Self::pause_allowance().saturating_sub(s.paused)
	}

	/// The longest one question can stop the clock: a refund request's steps at their longest,
	/// then the dispute a store's refusal of the returned goods opens (the arbiter's period).
	pub fn longest_question() -> BlockNumberFor<T> {
		Self::longest_request().saturating_add(T::DisputePeriod::get())
	}

	/// The latest block a settlement shipped with first deadline `deadline` pays out at:
	/// every extension, the whole pause allowance, and the longest question (the last one,
	/// opened while some allowance was left, may run past it: the payout waits for its end).
	/// A payout the agenda carries over for lack of weight, or tries again because its asset
	/// was frozen or an account blocked, comes later by that much.
	pub fn latest_payout(deadline: BlockNumberFor<T>) -> BlockNumberFor<T> {
		deadline
			.saturating_add(
				T::ExtensionPeriod::get().saturating_mul(T::MaxExtensions::get().into()),
			)
			.saturating_add(Self::pause_allowance())
			.saturating_add(Self::longest_question())
	}

	/// The longest a refund request can stop the clock: each of its steps at its longest (the
	/// store's answer, the buyer's return, the store's receipt of it).
	pub fn longest_request() -> BlockNumberFor<T> {
		let periods = Self::after_sales_periods();
		periods.respond.saturating_add(periods.ship_return).saturating_add(periods.receive_return)
	}

	/// The latest block a settlement accepted at `accepted_at` ships at, if the store ships
	/// within its ship-by limit (past it the buyer may cancel; a buyer who waits on chooses
	/// to): the limit, moved on by the questions before shipping, which open only while some
	/// of the allowance is left, the last one running its full length.
	pub fn latest_shipping(accepted_at: BlockNumberFor<T>) -> BlockNumberFor<T> {
		accepted_at
			.saturating_add(T::ShipByLimit::get())
			.saturating_add(Self::pause_allowance())
			.saturating_add(Self::longest_question())
	}

	/// The latest block a settlement accepted at `accepted_at` with time-limit rule
	/// `time_limit` pays out at, if the store ships within its ship-by limit: the clock's bound
	/// counted from acceptance, [`Self::latest_payout`] of the latest shipping.
	pub fn latest_payout_from_acceptance(
		accepted_at: BlockNumberFor<T>,
		time_limit: BlockNumberFor<T>,
	) -> BlockNumberFor<T> {
		Self::latest_payout(Self::latest_shipping(accepted_at).saturating_add(time_limit))
	}

	/// Fails unless a question may stop the clock of `s`: some of its pause allowance must be
	/// left. Before shipping the allowance bounds how long questions keep the store from
	/// shipping (and so the payout); shipping gives the buyer's deadline a whole one.
	pub(crate) fn ensure_pause_left(s: &SettlementOf<T>) -> DispatchResult {
		ensure!(!Self::pause_left(s).is_zero(), Error::<T>::PauseAllowanceUsed);
		Ok(())
	}

	/// Starts again the ship-by clock of unshipped settlement `s`, which a question stopped for
	/// `took` blocks. The store could not ship meanwhile, so it is drawn from the allowance (at
	/// most the longest a question runs, however late the agenda ran the question's end behind
	/// a backlog or a retry); with `give_back` (a question the store did not ask, or one the
	/// arbiter sent back) the store's ship-by limit gets all of it back, lateness included, so
	/// that no question of the buyer's turns into the buyer's cancellation. The caller stores
	/// the settlement.
	pub(crate) fn restart_ship_by(
		s: &mut SettlementOf<T>,
		took: BlockNumberFor<T>,
		give_back: bool,
	) {
		// A question opens only while some allowance is left (no return, whose refusal would
		// force a dispute past it, comes before shipping), so this stays within the allowance
		// and one question: `try_state` checks it.
		s.paused = s.paused.saturating_add(took.min(Self::longest_question()));
		if let (true, Some(acceptance)) = (give_back, s.accepted.as_mut()) {
			acceptance.at = acceptance.at.saturating_add(took);
		}
	}

	/// Starts again the clock of shipped settlement `s` (number `id`) that a question opened
	/// at `started` stopped at deadline `stopped`. The question's asker gets back the time it
	/// took; with `ran_on` (a question its asker did not follow through) the clock is taken
	/// as having run on meanwhile, due at the next block if its deadline passed. Either way
	/// what the deadline moves is drawn from the pause allowance, and never goes beyond it.
	/// Puts the deadline on the agenda and returns it; the caller stores the settlement.
	pub(crate) fn restart_clock(
		id: SettlementId,
		s: &mut SettlementOf<T>,
		stopped: BlockNumberFor<T>,
		started: BlockNumberFor<T>,
		ran_on: bool,
	) -> BlockNumberFor<T> {
		let now = Self::now();
		let wanted = if ran_on {
			now.saturating_add(One::one()).saturating_sub(stopped)
		} else {
			now.saturating_sub(started)
		};
		let given = wanted.min(Self::pause_left(s));
		s.paused = s.paused.saturating_add(given);
		let deadline = stopped.saturating_add(given);
		s.status = SettlementStatus::Shipped;
		s.deadline = Some(deadline);
		Agenda::<T>::insert(AgendaKey::new(deadline, AgendaTask::AutoSettle, id), ());
		deadline
	}
}
