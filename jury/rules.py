"""Who may do what on the jury's side, as named predicates. Views declare them; per-object checks
answer 404 for someone else's object."""

import rules

from contest.domain.roles import user_is_juror, user_is_staff


@rules.predicate
def is_juror(user) -> bool:
    return user_is_juror(user)


@rules.predicate
def is_staff_member(user) -> bool:
    return user_is_staff(user)


@rules.predicate
def is_assigned_juror(user, candidacy) -> bool:
    return candidacy is not None and candidacy.assignments.filter(juror=user).exists()


rules.add_perm("jury.score_candidacy", is_juror & is_assigned_juror)
rules.add_perm("jury.see_all_scores", is_staff_member)
