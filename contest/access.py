"""What the staff and jury areas' views share: the role decorators (anonymous visitors go to the login
page, signed-in people without the role get 403) and reading an edition from the address."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from contest.converters import parse_id
from contest.domain.queries import current_edition
from contest.domain.roles import user_is_juror, user_is_staff
from contest.models import Edition


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


def int_or_404(value) -> int:
    """An id typed in a form or an address; anything else (« abc », « ² », « -1 », 5,000 digits) is not
    found."""
    number = parse_id(value)
    if number is None:
        raise Http404
    return number


def selected_edition(request) -> Edition | None:
    """The edition named by ``?edition=<id>`` (404 if unknown or malformed), else the current one."""
    raw = request.GET.get("edition", "").strip()
    if not raw:
        return current_edition()
    return get_object_or_404(Edition, pk=int_or_404(raw))
