from contest.domain.roles import user_is_juror


def roles(request) -> dict:
    """Whether the signed-in person is a juror, for the header's links (one query, cached)."""
    user = getattr(request, "user", None)
    return {"is_juror": bool(user is not None and user_is_juror(user))}
