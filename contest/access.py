"""View decorators for the role areas: anonymous visitors go to the login page, signed-in people
without the role get 403."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from contest.domain.roles import user_is_juror, user_is_staff


def _role_required(predicate):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not predicate(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


staff_required = _role_required(user_is_staff)
juror_required = _role_required(user_is_juror)
