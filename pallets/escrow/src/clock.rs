//! One clock: a shipped settlement's deadline, and the pause allowance that every question
//! about it (a dispute, a refund request, a return) draws on. See "Rules: one clock" in the
//! crate docs.

use crate::*;
use frame_support::pallet_prelude::*;
use frame_system::pallet_prelude::*;
use sp_runtime::traits::{One, Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// This chain's pause allowance: set at genesis, else [`Config::PauseAllowance`].
	pub fn pause_allowance() -> BlockNumberFor<T> {
		ChainPauseAllowance::<T>::get().unwrap_or_else(T::PauseAllowance::get)
	}

	/// What is left of settlement `s`'s pause allowance.
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

	/// Fails unless a question may stop the clock of `s`: once it has shipped, some of its
	/// pause allowance must be left. Before shipping there is no deadline to move (a question
	/// moves the store's ship-by limit, which only delays the buyer's own cancellation).
	pub(crate) fn ensure_pause_left(s: &SettlementOf<T>) -> DispatchResult {
		let shipped = s.status == SettlementStatus::Shipped;
		ensure!(!shipped || !Self::pause_left(s).is_zero(), Error::<T>::PauseAllowanceUsed);
		Ok(())
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
