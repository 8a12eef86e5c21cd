"""The role groups. Staff manage the contest's data in the admin; superusers do everything."""

from django.contrib.auth.models import Group, Permission

STAFF_GROUP = "Staff"
JUROR_GROUP = "Jurors"
STAFF_APPS = ("contest", "nominations", "jury")


def ensure_role_groups(**kwargs) -> None:
    """Create the role groups and give Staff every permission on the contest's own apps.

    Connected to post_migrate, so new models' permissions follow without a data migration."""
    staff, _ = Group.objects.get_or_create(name=STAFF_GROUP)
    Group.objects.get_or_create(name=JUROR_GROUP)
    staff.permissions.add(*Permission.objects.filter(content_type__app_label__in=STAFF_APPS))
