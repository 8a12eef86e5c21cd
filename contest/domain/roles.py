"""The role groups and who holds which role. Staff manage the contest; jurors score; superusers do
everything."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models import QuerySet

STAFF_GROUP = "Staff"
JUROR_GROUP = "Jurors"
STAFF_APPS = ("contest", "nominations", "jury")


def ensure_role_groups(**kwargs) -> None:
    """Create the role groups and give Staff every permission on the contest's own apps.

    Connected to post_migrate, so new models' permissions follow without a data migration."""
    staff, _ = Group.objects.get_or_create(name=STAFF_GROUP)
    Group.objects.get_or_create(name=JUROR_GROUP)
    staff.permissions.add(*Permission.objects.filter(content_type__app_label__in=STAFF_APPS))


def user_is_staff(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def user_is_juror(user) -> bool:
    """Member of the Jurors group, or a superuser (cached on the user object for the request)."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_is_juror", None)
    if cached is None:
        cached = user.groups.filter(name=JUROR_GROUP).exists()
        user._is_juror = cached
    return cached


def jurors() -> QuerySet:
    return get_user_model().objects.filter(groups__name=JUROR_GROUP, is_active=True).order_by("email")
